package io.billingbridge.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.CheckoutSessionId;
import io.billingbridge.core.payment.InvoiceId;
import io.billingbridge.core.payment.SubscriptionId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebhookWorkTest {

    /** One example of every case; {@link #examplesCoverEveryCase()} fails when a case is added without one. */
    static final List<WebhookWork> EXAMPLES = List.of(
            new WebhookWork.ResyncCustomer(new CustomerId("cus_acme")),
            new WebhookWork.RefreshCatalog(),
            new WebhookWork.OwnerCreated(Owner.user("user_alice")),
            new WebhookWork.OwnerChanged(Owner.organization("org_acme")),
            new WebhookWork.OwnerDeleted(Owner.organization("org_acme")),
            new WebhookWork.MembershipChanged(new OrganizationId("org_acme")),
            new WebhookWork.CheckoutCompleted(new CustomerId("cus_acme"), new CheckoutSessionId("cs_test_a1")),
            new WebhookWork.InvoicePaymentFailed(new CustomerId("cus_acme"), new InvoiceId("in_1")),
            new WebhookWork.InvoiceActionRequired(new CustomerId("cus_acme"), new InvoiceId("in_2")),
            new WebhookWork.TrialWillEnd(new CustomerId("cus_acme"), new SubscriptionId("sub_1")),
            new WebhookWork.Nothing());

    @Test
    void examplesCoverEveryCase() {
        assertThat(EXAMPLES).extracting(Object::getClass).map(Class.class::cast)
                .containsExactlyInAnyOrder(WebhookWork.class.getPermittedSubclasses());
    }

    @Test
    void kindsListsTheKindOfEveryCase() {
        assertThat(WebhookWork.kinds()).containsExactlyInAnyOrderElementsOf(
                EXAMPLES.stream().map(WebhookWork::kind).toList());
    }

    @Test
    void everyCaseRoundTripsThroughItsStoredKindAndKey() {
        for (WebhookWork work : EXAMPLES) {
            assertThat(WebhookWork.parse(work.kind(), work.key(), work.object())).as(work.describe()).isEqualTo(work);
        }
    }

    @Test
    void everyCaseHasItsOwnKind() {
        assertThat(EXAMPLES).extracting(WebhookWork::kind).doesNotHaveDuplicates();
    }

    @Test
    void storedFormsAreIdsAndOwnerKeys() {
        assertThat(new WebhookWork.ResyncCustomer(new CustomerId("cus_acme")).describe())
                .isEqualTo("customer.resync cus_acme");
        assertThat(new WebhookWork.OwnerChanged(Owner.user("user_alice")).key()).contains("user:user_alice");
        assertThat(new WebhookWork.MembershipChanged(new OrganizationId("org_acme")).key()).contains("org_acme");
        assertThat(new WebhookWork.RefreshCatalog().describe()).isEqualTo("catalog.refresh");
        WebhookWork checkout = new WebhookWork.CheckoutCompleted(new CustomerId("cus_acme"),
                new CheckoutSessionId("cs_test_a1"));
        assertThat(checkout.describe()).isEqualTo("checkout.completed cus_acme cs_test_a1");
        assertThat(checkout.key()).as("the customer, so it is among its owner's events").contains("cus_acme");
        assertThatThrownBy(() -> WebhookWork.parse("checkout.completed", Optional.of("cus_acme")))
                .as("without its object").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookWork.parse("customer.resync", Optional.of("cus_acme"),
                Optional.of("cs_test_a1"))).as("an object it does not take").isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownKindIsRejectedByName() {
        assertThatThrownBy(() -> WebhookWork.parse("invoice.paid", Optional.of("cus_acme")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown webhook work kind 'invoice.paid'");
    }

    @Test
    void aKeyThatDoesNotFitItsKindIsRejected() {
        assertThatThrownBy(() -> WebhookWork.parse("customer.resync", Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a key");
        assertThatThrownBy(() -> WebhookWork.parse("customer.resync", Optional.of("user:user_alice")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookWork.parse("owner.changed", Optional.of("cus_acme")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookWork.parse("catalog.refresh", Optional.of("price_1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes no key");
    }

    @Test
    void equalWorkIsEqualSoTheWorkerCanGroupIt() {
        assertThat(new WebhookWork.ResyncCustomer(new CustomerId("cus_acme")))
                .isEqualTo(new WebhookWork.ResyncCustomer(new CustomerId("cus_acme")))
                .isNotEqualTo(new WebhookWork.ResyncCustomer(new CustomerId("cus_other")));
        assertThat(new WebhookWork.OwnerChanged(Owner.user("user_alice")))
                .isNotEqualTo(new WebhookWork.OwnerCreated(Owner.user("user_alice")));
        assertThat(Arrays.asList(WebhookWork.class.getPermittedSubclasses())).allMatch(Class::isRecord);
    }
}
