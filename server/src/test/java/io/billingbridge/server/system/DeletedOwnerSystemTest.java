package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static io.billingbridge.server.system.SystemFixtures.checkoutBody;
import static io.billingbridge.server.system.SystemFixtures.portalBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionListParams;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A session token issued before its owner was deleted in Clerk is refused once the deletion is processed. */
class DeletedOwnerSystemTest {
    private static final Duration PROCESSING = Duration.ofSeconds(20);
    private static SystemUnderTest system;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(1);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private static void awaitDeleted(String ownerId) {
        SystemUnderTest.await(ownerId + " to be marked deleted", PROCESSING, () -> system.count(
                "SELECT count(*) FROM billing_accounts WHERE owner_id = '" + ownerId + "' AND sync_state = 'deleted'")
                == 1);
    }

    private static List<String> checkoutSessions() throws StripeException {
        return SystemFixtures.stripe(system).v1().checkout().sessions()
                .list(SessionListParams.builder().setLimit(100L).build()).getData().stream().map(Session::getId)
                .toList();
    }

    private static long deniedAsDeleted(String ownerKey, String action) {
        return system.count("SELECT count(*) FROM audit_log WHERE owner_key = '" + ownerKey + "' AND action = '" + action
                + "' AND outcome = 'denied' AND detail = 'owner_deleted'");
    }

    @Test
    void aDeletedUsersLastTokenCannotStartACheckoutOpenThePortalOrRead() throws StripeException {
        String user = "user_deleted_erin";
        system.sandbox().clerk().createUser(user, "Erin", "Gone", "erin@example.test");
        String token = system.token(user, Optional.empty());
        Reply before = system.call("GET", "/v1/billing/customer?owner=user").bearer(token).send();
        assertThat(before.status()).as(before.body()).isEqualTo(200);
        List<String> sessionsBefore = checkoutSessions();

        system.sandbox().clerk().deleteUser(user);
        awaitDeleted(user);

        assertError(system.call("POST", "/v1/billing/checkout-sessions").bearer(token)
                .json(checkoutBody("user", "pro_monthly", "")).send(), 403, "owner_deleted");
        assertError(system.call("POST", "/v1/billing/portal-sessions").bearer(token)
                .json(portalBody("user", "")).send(), 403, "owner_deleted");
        assertError(system.call("GET", "/v1/billing/customer?owner=user").bearer(token).send(), 403,
                "owner_deleted");

        assertThat(SystemFixtures.customersOf(system, "user", user)).as("no Stripe customer").isEmpty();
        assertThat(checkoutSessions()).as("no Checkout Session").isEqualTo(sessionsBefore);
        assertThat(system.count("SELECT count(*) FROM billing_accounts WHERE owner_id = '" + user
                + "' AND customer_id IS NULL")).isEqualTo(1);
        assertThat(deniedAsDeleted("user:" + user, "checkout.create")).isEqualTo(1);
        assertThat(deniedAsDeleted("user:" + user, "portal.create")).isEqualTo(1);
        assertThat(deniedAsDeleted("user:" + user, "customer.read")).isEqualTo(1);
    }

    @Test
    void aDeletedOrganizationIsRefusedToItsAdminWhoseOwnBillingStillWorks() {
        String admin = "user_deleted_org_admin";
        String org = "org_deleted_initech";
        system.sandbox().clerk().createUser(admin, "Peter", "Gibbons", "peter@example.test");
        system.sandbox().clerk().createOrganization(org, "Initech", "initech", admin);
        String orgToken = system.token(admin, Optional.of(org));
        Reply before = system.call("GET", "/v1/billing/customer?owner=organization").bearer(orgToken).send();
        assertThat(before.status()).as(before.body()).isEqualTo(200);

        system.sandbox().clerk().deleteOrganization(org);
        awaitDeleted(org);

        assertError(system.call("POST", "/v1/billing/checkout-sessions").bearer(orgToken)
                .json(checkoutBody("organization", "team_monthly", "")).send(), 403, "owner_deleted");
        assertError(system.call("GET", "/v1/billing/customer?owner=organization").bearer(orgToken).send(), 403,
                "owner_deleted");
        assertThat(SystemFixtures.customersOf(system, "organization", org)).isEmpty();
        Reply own = system.call("GET", "/v1/billing/customer?owner=user").bearer(orgToken).send();
        assertThat(own.status()).as(own.body()).isEqualTo(200);
    }
}
