package io.billingbridge.server;

import com.codahale.metrics.health.HealthCheck;
import io.billingbridge.core.webhook.WebhookLedger;

/** Reports the webhook backlog; unhealthy when events pile up (processing is failing or too slow). */
final class LedgerHealthCheck extends HealthCheck {
    private static final long TOO_MANY = 1_000;
    private final WebhookLedger ledger;

    LedgerHealthCheck(WebhookLedger ledger) {
        this.ledger = ledger;
    }

    @Override
    protected Result check() {
        long backlog = ledger.backlog();
        return backlog < TOO_MANY
                ? Result.builder().healthy().withDetail("backlog", backlog).build()
                : Result.builder().unhealthy().withMessage("webhook backlog of " + backlog + " events")
                        .withDetail("backlog", backlog).build();
    }
}
