package io.billingbridge.console.service;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log.
 *
 * @param owner the owner key ({@code user:user_1}); null for calls about no owner
 * @param requestId null when the call had none
 */
public record AuditEntry(Instant at, String actor, String owner, String action, String outcome, String detail,
        String requestId) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }
}
