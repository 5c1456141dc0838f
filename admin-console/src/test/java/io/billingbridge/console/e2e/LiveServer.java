package io.billingbridge.console.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiAdminTokens;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.server.system.SystemUnderTest;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * A real Billing Bridge server (embedded PostgreSQL, Stripe emulator, Clerk dev instance, real HTTP) holding data
 * made through the real flows, for the console's end-to-end tests.
 *
 * <p>When {@link #start()} returns: {@link #paidUserId()} bought Pro monthly through a paid checkout whose Stripe
 * webhooks were processed; {@link #organizationId()} has an account too; and one Clerk webhook event,
 * {@link #failedEventId()}, failed for real (Clerk answered 429 with a Retry-After of an hour while the worker
 * re-read the user) and stays failed until someone retries it, which then succeeds because Clerk is back.
 */
public final class LiveServer implements AutoCloseable {
    private static final Duration PROCESSING = Duration.ofSeconds(60);
    private static final String TEST_CARD = "4242424242424242";
    /** A user of its own, so that renaming it (to make the failed event) leaves the seeded users as they were. */
    private static final String PAID_USER = "user_console_paid";
    private static final String ORGANIZATION = ClerkDevInstance.ACME;
    /** Longer than the worker's own retries and the test run: the event stays failed until an admin retries it. */
    private static final Duration CLERK_RETRY_AFTER = Duration.ofHours(1);

    private final SystemUnderTest system;
    private final Jdbi jdbi;
    private final String adminToken;
    private final String failedEventId;

    private LiveServer(SystemUnderTest system, Jdbi jdbi, String adminToken, String failedEventId) {
        this.system = system;
        this.jdbi = jdbi;
        this.adminToken = adminToken;
        this.failedEventId = failedEventId;
    }

    /** Starts the server and makes the data; returns once every piece of it is there. */
    public static LiveServer start() {
        SystemUnderTest system = SystemUnderTest.start(1);
        try {
            Jdbi jdbi = Databases.jdbi(system.database());
            system.sandbox().clerk().createUser(PAID_USER, "Paula", "Payne", "paula.payne@example.test");
            buyProMonthly(system, jdbi);
            openOrganizationPortal(system);
            awaitEveryEventProcessed(system);
            String failed = failOneClerkEvent(system, jdbi);
            String token = new JdbiAdminTokens(jdbi, Clock.systemUTC()).create("console-e2e");
            return new LiveServer(system, jdbi, token, failed);
        } catch (RuntimeException | Error e) {
            system.close();
            throw e;
        }
    }

    /** The application connector, e.g. {@code http://127.0.0.1:PORT}; the admin API is under {@code /admin/v1}. */
    public String baseUrl() {
        return system.baseUrl(0);
    }

    /** An admin token allowed to do everything. */
    public String adminToken() {
        return adminToken;
    }

    /** A user who bought Pro monthly through a paid checkout; their snapshot shows Pro active. */
    public String paidUserId() {
        return PAID_USER;
    }

    /** The Stripe customer id linked to this owner ({@code user} or {@code organization}). */
    public String customerIdOf(String ownerType, String ownerId) {
        return customerOf(jdbi, ownerType, ownerId).orElseThrow(() -> new IllegalArgumentException(
                "no customer for " + ownerType + ":" + ownerId));
    }

    /** An organization with an account (its admin opened the billing portal), a second owner beside the user. */
    public String organizationId() {
        return ORGANIZATION;
    }

    /** The source of {@link #failedEventId()}: {@code clerk}. */
    public String failedEventSource() {
        return "clerk";
    }

    /** A webhook event in the ledger with status {@code failed}; a retry of it succeeds. */
    public String failedEventId() {
        return failedEventId;
    }

    @Override
    public void close() {
        system.close();
    }

    private static void buyProMonthly(SystemUnderTest system, Jdbi jdbi) {
        Reply created = system.call("POST", "/v1/billing/checkout-sessions")
                .bearer(system.token(PAID_USER, Optional.empty()))
                .json("{\"owner\":\"user\",\"price\":\"pro_monthly\",\"successUrl\":\"" + SystemUnderTest.ORIGIN
                        + "/done?session={CHECKOUT_SESSION_ID}\",\"cancelUrl\":\"" + SystemUnderTest.ORIGIN
                        + "/pricing\"}")
                .send();
        expect(created, 201, "checkout session for " + PAID_USER);
        system.sandbox().stripe().completeCheckout(created.json().get("id").asText(), TEST_CARD);
        String customer = customerOf(jdbi, "user", PAID_USER).orElseThrow(() -> new IllegalStateException(
                "the checkout linked no customer to " + PAID_USER));
        SystemUnderTest.await("checkout.session.completed of " + customer + " to be processed", PROCESSING,
                () -> system.count("SELECT count(*) FROM webhook_events WHERE source = 'stripe' AND type = "
                        + "'checkout.session.completed' AND work_key = '" + customer + "' AND status = 'processed'")
                        == 1);
        SystemUnderTest.await("the snapshot of " + PAID_USER + " to show Pro monthly active", PROCESSING,
                () -> showsProMonthlyActive(system.call("GET", "/v1/billing/customer?owner=user")
                        .bearer(system.token(PAID_USER, Optional.empty())).send()));
    }

    private static boolean showsProMonthlyActive(Reply reply) {
        if (reply.status() != 200 || reply.json().path("stale").asBoolean(true)) {
            return false;
        }
        for (JsonNode subscription : reply.json().path("subscriptions")) {
            if ("active".equals(subscription.path("status").asText())) {
                for (JsonNode item : subscription.path("items")) {
                    if ("pro_monthly".equals(item.path("lookupKey").asText())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void openOrganizationPortal(SystemUnderTest system) {
        Reply portal = system.call("POST", "/v1/billing/portal-sessions")
                .bearer(system.token(ClerkDevInstance.ALICE, Optional.of(ORGANIZATION)))
                .json("{\"owner\":\"organization\",\"returnUrl\":\"" + SystemUnderTest.ORIGIN + "/account\"}")
                .send();
        expect(portal, 201, "billing portal of " + ORGANIZATION);
    }

    private static void awaitEveryEventProcessed(SystemUnderTest system) {
        SystemUnderTest.await("every webhook event so far to be processed", PROCESSING,
                () -> system.count("SELECT count(*) FROM webhook_events WHERE status <> 'processed'") == 0);
    }

    /**
     * Renames the paid user in Clerk while Clerk's Backend API answers 429 with a Retry-After of an hour: the
     * worker's re-read of the user fails, and the ledger schedules the next attempt an hour later. Clerk is then
     * back, so a retry succeeds.
     */
    private static String failOneClerkEvent(SystemUnderTest system, Jdbi jdbi) {
        ClerkDevInstance clerk = system.sandbox().clerk();
        clerk.injectFailures(Integer.MAX_VALUE, 429, Optional.of(CLERK_RETRY_AFTER));
        try {
            clerk.updateUser(clerk.user(PAID_USER).orElseThrow().withName("Paula", "Payne-Renamed"));
            SystemUnderTest.await("the user.updated event of " + PAID_USER + " to fail", PROCESSING,
                    () -> failedUserUpdate(jdbi).isPresent());
        } finally {
            clerk.injectFailures(0, 429, Optional.empty());
        }
        return failedUserUpdate(jdbi).orElseThrow();
    }

    private static Optional<String> failedUserUpdate(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT event_id FROM webhook_events WHERE source = 'clerk' AND "
                        + "type = 'user.updated' AND work_key = :owner AND status = 'failed' AND attempts >= 1")
                .bind("owner", "user:" + PAID_USER).mapTo(String.class).findFirst());
    }

    private static Optional<String> customerOf(Jdbi jdbi, String ownerType, String ownerId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT customer_id FROM billing_accounts WHERE owner_type = "
                        + ":type AND owner_id = :id AND customer_id IS NOT NULL")
                .bind("type", ownerType).bind("id", ownerId).mapTo(String.class).findOne());
    }

    private static void expect(Reply reply, int status, String what) {
        if (reply.status() != status) {
            throw new IllegalStateException(what + " answered " + reply.status() + ": " + reply.body());
        }
    }
}
