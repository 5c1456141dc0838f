package io.billingbridge.core.admin;

import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.webhook.WebhookEventRecord;
import io.billingbridge.core.webhook.WebhookEventStatus;
import io.billingbridge.core.webhook.WebhookLedger;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Lists recorded webhook events for support, newest first, optionally by status. */
public final class ListWebhookEvents {
    private final WebhookLedger ledger;
    private final AdminAudit audit;

    public ListWebhookEvents(WebhookLedger ledger, Auditor auditor) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.audit = new AdminAudit(auditor);
    }

    /**
     * The events.
     *
     * @param status {@code pending}, {@code failed} or {@code processed}; empty for all
     * @param limit the query string's limit, as sent
     * @throws InvalidRequest for an unknown status or a limit that is not a whole number from 1 to 500
     */
    public List<WebhookEventRecord> list(AdminIdentity admin, Optional<String> status, Optional<String> limit) {
        return audit.run(admin, Optional.empty(), AdminAction.LIST_WEBHOOK_EVENTS, () -> {
            Optional<WebhookEventStatus> wanted = status.map(s -> WebhookEventStatus.fromWireName(s)
                    .orElseThrow(() -> new InvalidRequest("invalid_status",
                            "status must be 'pending', 'failed' or 'processed'", "status")));
            return ledger.list(wanted, PageLimit.parse(limit).value());
        }, events -> status.map(s -> "status=" + s + " ").orElse("") + "rows=" + events.size());
    }
}
