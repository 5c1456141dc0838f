package io.billingbridge.core.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One audited attempt: who, for which owner, what, when, and whether it was allowed.
 *
 * @param actor the acting user id (or {@code admin:<token-name>})
 * @param owner the owner key such as {@code organization:org_1}, when one was named
 * @param action what was attempted, e.g. {@code checkout.create}
 * @param outcome {@code allowed}, {@code denied} or {@code failed}
 * @param detail a short, non-personal note (a session id, a price id, a denial code)
 * @param requestId the HTTP request id, to match logs
 */
public record AuditEntry(Instant at, String actor, Optional<String> owner, String action, String outcome,
        String detail, Optional<String> requestId) {

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(requestId, "requestId");
    }
}
