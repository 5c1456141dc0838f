package io.billingbridge.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Subscription;
import com.stripe.param.SubscriptionListParams;
import io.billingbridge.sandbox.clerk.DevUser;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The YAML behaviours that differ from the defaults, end to end: eager customers, deletion by
 * {@code cancel_now_and_delete}, and the plan published into Clerk public metadata.
 */
class ConfiguredPoliciesSystemTest {
    private static final Duration PROCESSING = Duration.ofSeconds(30);
    private static SystemUnderTest system;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(1, billing -> {
            billing.setEagerCustomers(true);
            billing.setOnOwnerDeleted("cancel_now_and_delete");
            billing.setPublishToClerkKey("billing");
        });
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private static List<com.stripe.model.Customer> customersOf(String ownerType, String ownerId) {
        return SystemFixtures.customersOf(system, ownerType, ownerId);
    }

    @Test
    void aNewUserGetsACustomerAtOnceAndAPurchaseIsPublishedToClerk() {
        system.sandbox().clerk().createUser("user_policy_ivy", "Ivy", "Tester", "ivy@example.test");
        SystemUnderTest.await("the eager customer", PROCESSING,
                () -> system.count("SELECT count(*) FROM billing_accounts WHERE owner_id = 'user_policy_ivy'"
                        + " AND customer_id IS NOT NULL") == 1);
        assertThat(customersOf("user", "user_policy_ivy")).hasSize(1);

        String token = system.token("user_policy_ivy", Optional.empty());
        Reply created = system.call("POST", "/v1/billing/checkout-sessions").bearer(token)
                .json(SystemFixtures.checkoutBody("user", "pro_monthly", "")).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        system.sandbox().stripe().completeCheckout(created.json().get("id").asText(), "4242424242424242");

        SystemUnderTest.await("the plan in Clerk's public metadata", PROCESSING, () -> system.sandbox().clerk()
                .user("user_policy_ivy").map(DevUser::publicMetadata).map(m -> m.get("billing"))
                .filter(b -> ((Map<?, ?>) b).get("status").equals("active")).isPresent());
        Map<?, ?> billing = (Map<?, ?>) system.sandbox().clerk().user("user_policy_ivy").orElseThrow()
                .publicMetadata().get("billing");
        assertThat(billing.get("plans")).isEqualTo(List.of("pro_monthly"));
        assertThat(billing.get("entitlements").toString()).contains("pro_features");
    }

    @Test
    void aDeletedUserHasSubscriptionsCanceledAndTheCustomerDeleted() throws StripeException {
        system.sandbox().clerk().createUser("user_policy_jay", "Jay", "Tester", "jay@example.test");
        String token = system.token("user_policy_jay", Optional.empty());
        Reply created = system.call("POST", "/v1/billing/checkout-sessions").bearer(token)
                .json(SystemFixtures.checkoutBody("user", "pro_monthly", "")).send();
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        system.sandbox().stripe().completeCheckout(created.json().get("id").asText(), "4242424242424242");
        String customer = customersOf("user", "user_policy_jay").get(0).getId();

        system.sandbox().clerk().deleteUser("user_policy_jay");

        SystemUnderTest.await("the account to be marked deleted", PROCESSING, () -> system.count(
                "SELECT count(*) FROM billing_accounts WHERE owner_id = 'user_policy_jay' AND sync_state = 'deleted'") == 1);
        StripeClient stripe = SystemFixtures.stripe(system);
        assertThat(stripe.v1().customers().retrieve(customer).getDeleted()).isTrue();
        List<Subscription> subscriptions = stripe.v1().subscriptions().list(SubscriptionListParams.builder()
                .setCustomer(customer).setStatus(SubscriptionListParams.Status.ALL).build()).getData();
        assertThat(subscriptions).hasSize(1).allSatisfy(s -> assertThat(s.getStatus()).isEqualTo("canceled"));
    }
}
