package io.billingbridge.core.webhook;

import io.billingbridge.core.events.AppEvents;
import io.billingbridge.core.testing.BillingWorld;

/** The webhook processor of {@link WebhookWorkerTest}, for tests in other packages. */
public final class WebhookWorkerTestAccess {
    private WebhookWorkerTestAccess() {
    }

    /** A processor on {@code world} recording application events through {@code appEvents}. */
    public static ProcessWebhookEvent processor(BillingWorld world, AppEvents appEvents) {
        return WebhookWorkerTest.processor(world, false, appEvents);
    }
}
