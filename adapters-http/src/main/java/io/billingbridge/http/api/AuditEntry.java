package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One line of the audit log: who did what to which owner, and whether it was allowed. */
public record AuditEntry(@JsonFormat(shape = JsonFormat.Shape.STRING) Instant at, String actor,
        Optional<String> owner, String action,
        @Schema(allowableValues = {"allowed", "denied", "failed"}) String outcome, String detail,
        Optional<String> requestId) {
    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(requestId, "requestId");
    }

    public static AuditEntry of(io.billingbridge.core.audit.AuditEntry e) {
        return new AuditEntry(e.at(), e.actor(), e.owner(), e.action(), e.outcome(), e.detail(), e.requestId());
    }
}
