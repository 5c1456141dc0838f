package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static io.billingbridge.server.system.SystemFixtures.checkoutBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.param.CustomerCreateParams;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiAdminTokens;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An owner whose Stripe customer is deleted can pay again, and an admin can relink an owner to its own customer. */
class DeletedCustomerSystemTest {
    private static SystemUnderTest system;
    private static String admin;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(1);
        admin = new JdbiAdminTokens(Databases.jdbi(system.database()), Clock.systemUTC())
                .create("support-" + UUID.randomUUID().toString().substring(0, 8), SystemFixtures.READ_WRITE);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private static Reply checkout(String userId) {
        String token = system.token(userId, Optional.empty());
        return system.call("POST", "/v1/billing/checkout-sessions").bearer(token)
                .json(checkoutBody("user", "pro_monthly", "")).send();
    }

    private static String customerOf(String userId) {
        Reply account = system.call("GET", "/admin/v1/accounts/user/" + userId).bearer(admin).send();
        assertThat(account.status()).as(account.body()).isEqualTo(200);
        return account.json().get("account").get("customer").asText();
    }

    private static Reply relink(String userId, String customer) {
        return system.call("POST", "/admin/v1/accounts/user/" + userId + "/relink").bearer(admin)
                .json("{\"customer\":\"" + customer + "\"}").send();
    }

    @Test
    void anOwnerWhoseCustomerWasDeletedInStripeGetsANewOneAtTheNextCheckout() throws StripeException {
        assertThat(checkout(ClerkDevInstance.DAVE).status()).isEqualTo(201);
        String dead = customerOf(ClerkDevInstance.DAVE);

        SystemFixtures.stripe(system).v1().customers().delete(dead);
        SystemUnderTest.await("the customer.deleted event releases the customer", Duration.ofSeconds(20),
                () -> system.count("SELECT count(*) FROM billing_accounts WHERE owner_id = '" + ClerkDevInstance.DAVE
                        + "' AND customer_id IS NULL AND customer_generation = 1 AND sync_state = 'pending'") == 1);
        assertThat(system.count("SELECT count(*) FROM customer_snapshots WHERE customer_id = '" + dead + "'"))
                .isZero();
        Reply read = system.call("GET", "/v1/billing/customer?owner=user")
                .bearer(system.token(ClerkDevInstance.DAVE, Optional.empty())).send();
        assertThat(read.status()).as(read.body()).isEqualTo(200);

        Reply again = checkout(ClerkDevInstance.DAVE);

        assertThat(again.status()).as(again.body()).isEqualTo(201);
        String next = customerOf(ClerkDevInstance.DAVE);
        assertThat(next).isNotEqualTo(dead);
        assertThat(SystemFixtures.customersOf(system, "user", ClerkDevInstance.DAVE)).as("one live customer")
                .extracting(Customer::getId).containsExactly(next);
        assertThat(SystemFixtures.stripe(system).v1().checkout().sessions().retrieve(again.json().get("id").asText())
                .getCustomer()).isEqualTo(next);
    }

    @Test
    void relinkAcceptsOnlyALiveCustomerOfThisOwnerThatNoOtherOwnerUses() throws StripeException {
        assertThat(checkout(ClerkDevInstance.CAROL).status()).isEqualTo(201);
        assertThat(checkout(ClerkDevInstance.BOB).status()).isEqualTo(201);
        String bobs = customerOf(ClerkDevInstance.BOB);
        Customer carolsOther = SystemFixtures.stripe(system).v1().customers().create(CustomerCreateParams.builder()
                .putMetadata("clerk_owner_type", "user").putMetadata("clerk_owner_id", ClerkDevInstance.CAROL)
                .build());

        assertError(relink(ClerkDevInstance.CAROL, bobs), 409, "customer_owner_mismatch");
        assertError(relink(ClerkDevInstance.CAROL, "cus_nobody"), 404, "customer_not_found");
        assertError(relink(ClerkDevInstance.CAROL, "sub_123"), 400, "invalid_customer");
        assertThat(system.call("POST", "/admin/v1/accounts/user/" + ClerkDevInstance.CAROL + "/relink")
                .bearer(system.token(ClerkDevInstance.CAROL, Optional.empty()))
                .json("{\"customer\":\"" + carolsOther.getId() + "\"}").send().status())
                .as("a session token is no admin token").isEqualTo(401);

        Reply relinked = relink(ClerkDevInstance.CAROL, carolsOther.getId());

        assertThat(relinked.status()).as(relinked.body()).isEqualTo(200);
        assertThat(relinked.json().get("account").get("customer").asText()).isEqualTo(carolsOther.getId());
        assertThat(customerOf(ClerkDevInstance.CAROL)).isEqualTo(carolsOther.getId());
        assertThat(customerOf(ClerkDevInstance.BOB)).isEqualTo(bobs);
        assertThat(system.count("SELECT count(*) FROM audit_log WHERE action = 'admin.account.relink' "
                + "AND outcome = 'allowed' AND owner_key = 'user:" + ClerkDevInstance.CAROL + "'")).isEqualTo(1);
        assertThat(system.count("SELECT count(*) FROM audit_log WHERE action = 'admin.account.relink' "
                + "AND outcome = 'failed'")).isEqualTo(3);
    }
}
