package io.billingbridge.core.signal;

import io.billingbridge.core.webhook.WebhookSource;
import java.time.Instant;
import java.util.Locale;

/**
 * What the billing use cases tell operators about themselves (sessions, webhooks, Stripe calls, rate limits,
 * snapshots), for metrics; every method is cheap and never throws.
 *
 * <p>Arguments are closed vocabularies only (kinds, error codes, event types, path templates): never ids, emails or
 * tokens, so an implementation may use them as metric labels.
 */
public interface BillingSignals {

    /** Signals that go nowhere, for tests and commands that export no metrics. */
    BillingSignals NONE = new BillingSignals() {
    };

    /** The reason given for a failure that was not a billing error (a bug, or an unexpected vendor answer). */
    String UNEXPECTED = "unexpected";

    /** Which kind of Stripe-hosted session a caller asked for. */
    enum SessionKind {
        CHECKOUT, PORTAL;

        /** The lower-case name used in metrics. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A checkout or portal session was created. */
    default void sessionStarted(SessionKind kind) {
    }

    /** A checkout or portal session was not created, for the error code given (such as {@code rate_limited}). */
    default void sessionRefused(SessionKind kind, String reason) {
    }

    /** A verified webhook event arrived; {@code fresh} is false for a duplicate delivery. */
    default void webhookReceived(WebhookSource source, String type, boolean fresh) {
    }

    /** A webhook delivery was refused before it was recorded (bad signature, malformed body), for the code given. */
    default void webhookRefused(WebhookSource source, String reason) {
    }

    /** A recorded webhook event was processed (or found to concern something gone: done either way). */
    default void webhookProcessed(WebhookSource source, String type) {
    }

    /** Processing a recorded webhook event failed, for the code given; it will be retried. */
    default void webhookFailed(WebhookSource source, String type, String reason) {
    }

    /**
     * One HTTP attempt to Stripe ended.
     *
     * @param method the HTTP method
     * @param endpoint the path with every id replaced by {@code {id}}
     * @param outcome {@code ok}, {@code client_error}, {@code rate_limited}, {@code server_error},
     *                {@code network_error} or {@code budget_exhausted}
     * @param seconds how long the attempt took
     */
    default void stripeCall(String method, String endpoint, String outcome, double seconds) {
    }

    /** A user was refused a session by the per-user session rate limit. */
    default void rateLimited() {
    }

    /** A snapshot synced at {@code syncedAt} was served to a read; {@code stale} when a fresher one was wanted. */
    default void snapshotServed(Instant syncedAt, boolean stale) {
    }

    /** An owner's account and snapshot were read for a billing read, from memory or from the database. */
    default void ownerRead(boolean fromMemory) {
    }
}
