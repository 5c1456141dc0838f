package io.billingbridge.sandbox.stripe;

import static io.billingbridge.sandbox.stripe.StripeTestSupport.client;
import static io.billingbridge.sandbox.stripe.StripeTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.StripeCollection;
import com.stripe.model.StripeSearchResult;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.CustomerListParams;
import com.stripe.param.CustomerSearchParams;
import com.stripe.param.CustomerUpdateParams;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StripeCustomersTest {

    private static StripeEmulator emulator;
    private static StripeClient stripe;

    @BeforeAll
    static void start() {
        emulator = StripeEmulator.start(StripeEmulatorConfig.builder().build());
        stripe = client(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void createsRetrievesAndUpdatesCustomerWithMetadata() throws StripeException {
        String email = unique("ada") + "@example.com";
        Customer created = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail(email)
                .setName("Ada").putMetadata("owner_type", "user").putMetadata("owner_id", "user_1")
                .setAddress(CustomerCreateParams.Address.builder().setCountry("DE").setCity("Berlin").build())
                .build());
        assertThat(created.getId()).startsWith("cus_");
        assertThat(created.getMetadata()).containsEntry("owner_type", "user");
        assertThat(created.getAddress().getCity()).isEqualTo("Berlin");
        assertThat(created.getLastResponse().requestId()).startsWith("req_");

        Customer updated = stripe.v1().customers().update(created.getId(), CustomerUpdateParams.builder()
                .setName("Ada Lovelace").putMetadata("owner_id", "").putMetadata("plan", "pro").build());
        assertThat(updated.getName()).isEqualTo("Ada Lovelace");
        assertThat(updated.getMetadata()).isEqualTo(Map.of("owner_type", "user", "plan", "pro"));

        Customer fetched = stripe.v1().customers().retrieve(created.getId());
        assertThat(fetched.getEmail()).isEqualTo(email);
        assertThat(fetched.getName()).isEqualTo("Ada Lovelace");
    }

    @Test
    void deletedCustomerIsReturnedAsDeletedAndCannotBeUpdated() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("del") + "@example.com");
        Customer deleted = stripe.v1().customers().delete(customer.getId());
        assertThat(deleted.getDeleted()).isTrue();
        assertThat(stripe.v1().customers().retrieve(customer.getId()).getDeleted()).isTrue();
        assertThatThrownBy(() -> stripe.v1().customers().update(customer.getId(),
                CustomerUpdateParams.builder().setName("x").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                });
    }

    @Test
    void missingCustomerIsResourceMissingWithStripesMessage() {
        assertThatThrownBy(() -> stripe.v1().customers().retrieve("cus_nope"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                    assertThat(e.getParam()).isEqualTo("id");
                    assertThat(e.getStripeError().getMessage()).isEqualTo("No such customer: 'cus_nope'");
                    assertThat(e.getRequestId()).startsWith("req_");
                });
    }

    @Test
    void listsByEmailNewestFirst() throws StripeException {
        String email = unique("twin") + "@example.com";
        Customer first = StripeTestSupport.customer(stripe, email);
        Customer second = StripeTestSupport.customer(stripe, email);
        StripeTestSupport.customer(stripe, unique("other") + "@example.com");
        StripeCollection<Customer> list = stripe.v1().customers().list(CustomerListParams.builder().setEmail(email)
                .build());
        assertThat(list.getData()).extracting(Customer::getId).containsExactly(second.getId(), first.getId());
        assertThat(list.getHasMore()).isFalse();
        assertThat(list.getUrl()).isEqualTo("/v1/customers");
    }

    @Test
    void searchesByMetadataAndEmailWithAnd() throws StripeException {
        String owner = unique("org");
        String email = unique("s") + "@example.com";
        Customer match = stripe.v1().customers().create(CustomerCreateParams.builder().setEmail(email)
                .putMetadata("owner_id", owner).build());
        stripe.v1().customers().create(CustomerCreateParams.builder().setEmail(unique("s") + "@example.com")
                .putMetadata("owner_id", owner).build());
        StripeSearchResult<Customer> both = stripe.v1().customers().search(CustomerSearchParams.builder()
                .setQuery("metadata['owner_id']:'" + owner + "'").build());
        assertThat(both.getData()).hasSize(2);
        assertThat(both.getObject()).isEqualTo("search_result");
        StripeSearchResult<Customer> one = stripe.v1().customers().search(CustomerSearchParams.builder()
                .setQuery("metadata['owner_id']:'" + owner + "' AND email:'" + email + "'").build());
        assertThat(one.getData()).extracting(Customer::getId).containsExactly(match.getId());
        assertThat(one.getHasMore()).isFalse();
    }

    @Test
    void searchPagesWithNextPage() throws StripeException {
        String owner = unique("paged");
        for (int i = 0; i < 3; i++) {
            stripe.v1().customers().create(CustomerCreateParams.builder().putMetadata("owner_id", owner).build());
        }
        CustomerSearchParams query = CustomerSearchParams.builder().setQuery("metadata['owner_id']:'" + owner + "'")
                .setLimit(2L).build();
        StripeSearchResult<Customer> first = stripe.v1().customers().search(query);
        assertThat(first.getData()).hasSize(2);
        assertThat(first.getHasMore()).isTrue();
        StripeSearchResult<Customer> second = stripe.v1().customers().search(CustomerSearchParams.builder()
                .setQuery("metadata['owner_id']:'" + owner + "'").setLimit(2L).setPage(first.getNextPage()).build());
        assertThat(second.getData()).hasSize(1);
        assertThat(second.getHasMore()).isFalse();
    }

    @Test
    void unsupportedSearchFieldIsRejected() {
        assertThatThrownBy(() -> stripe.v1().customers().search(CustomerSearchParams.builder()
                .setQuery("shoe_size:'42'").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("query"));
    }

    @Test
    void invalidEmailIsRejected() {
        assertThatThrownBy(() -> stripe.v1().customers().create(CustomerCreateParams.builder()
                .setEmail("not-an-email").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getParam()).isEqualTo("email"));
    }
}
