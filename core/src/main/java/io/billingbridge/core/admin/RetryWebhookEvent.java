package io.billingbridge.core.admin;

import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.webhook.WebhookLedger;
import io.billingbridge.core.webhook.WebhookSource;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Makes a failed webhook event due now and wakes the worker, for support after fixing what made it fail. */
public final class RetryWebhookEvent {
    private final WebhookLedger ledger;
    private final Runnable wakeWorker;
    private final Clock clock;
    private final AdminAudit audit;

    public RetryWebhookEvent(WebhookLedger ledger, Runnable wakeWorker, Clock clock, Auditor auditor) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.wakeWorker = Objects.requireNonNull(wakeWorker, "wakeWorker");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.audit = new AdminAudit(auditor);
    }

    /**
     * Schedules the retry.
     *
     * @param source {@code stripe} or {@code clerk}
     * @throws InvalidRequest for an unknown source or a malformed event id
     * @throws NotFound when no failed event has this id
     */
    public void retry(AdminIdentity admin, String source, String eventId) {
        audit.run(admin, Optional.empty(), AdminAction.RETRY_WEBHOOK_EVENT, () -> {
            WebhookSource parsed = parseSource(source);
            if (eventId == null || eventId.isBlank() || eventId.length() > 255) {
                throw new InvalidRequest("invalid_event_id", "the event id must be 1-255 characters", "eventId");
            }
            if (!ledger.retryNow(parsed, eventId, clock.instant())) {
                throw new NotFound("failed_event_not_found", "no failed event has this id");
            }
            wakeWorker.run();
            return parsed;
        }, parsed -> parsed.name().toLowerCase(Locale.ROOT) + "/" + eventId);
    }

    private static WebhookSource parseSource(String source) {
        for (WebhookSource s : WebhookSource.values()) {
            if (s.name().toLowerCase(Locale.ROOT).equals(source)) {
                return s;
            }
        }
        throw new InvalidRequest("invalid_source", "source must be 'stripe' or 'clerk'", "source");
    }
}
