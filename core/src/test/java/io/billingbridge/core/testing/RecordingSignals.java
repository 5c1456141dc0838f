package io.billingbridge.core.testing;

import io.billingbridge.core.signal.BillingSignals;
import io.billingbridge.core.webhook.WebhookSource;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Billing signals kept as one line each ({@code "session_refused checkout rate_limited"}), for assertions. */
public final class RecordingSignals implements BillingSignals {
    public final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void sessionStarted(SessionKind kind) {
        lines.add("session_started " + kind.wireName());
    }

    @Override
    public void sessionRefused(SessionKind kind, String reason) {
        lines.add("session_refused " + kind.wireName() + " " + reason);
    }

    @Override
    public void webhookReceived(WebhookSource source, String type, boolean fresh) {
        lines.add("webhook_received " + source + " " + type + " " + (fresh ? "recorded" : "duplicate"));
    }

    @Override
    public void webhookRefused(WebhookSource source, String reason) {
        lines.add("webhook_refused " + source + " " + reason);
    }

    @Override
    public void webhookProcessed(WebhookSource source, String type) {
        lines.add("webhook_processed " + source + " " + type);
    }

    @Override
    public void webhookFailed(WebhookSource source, String type, String reason) {
        lines.add("webhook_failed " + source + " " + type + " " + reason);
    }

    @Override
    public void rateLimited() {
        lines.add("rate_limited");
    }

    @Override
    public void snapshotServed(Instant syncedAt, boolean stale) {
        lines.add("snapshot_served " + syncedAt + (stale ? " stale" : " fresh"));
    }
}
