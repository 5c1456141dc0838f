package io.billingbridge.core.audit;

import io.billingbridge.core.access.Principal;
import io.billingbridge.core.owner.Owner;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.MDC;

/** Writes audit entries for a caller, stamping the time and the request id from the logging context. */
public final class Auditor {
    /** The MDC key the HTTP layer puts the request id under. */
    public static final String REQUEST_ID = "requestId";

    private final AuditLog log;
    private final Clock clock;

    public Auditor(AuditLog log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records an allowed action. */
    public void allowed(Principal principal, Owner owner, String action, String detail) {
        write(principal, Optional.of(owner), action, "allowed", detail);
    }

    /** Records a denied attempt, with the denial code as detail. */
    public void denied(Principal principal, Optional<Owner> owner, String action, String code) {
        write(principal, owner, action, "denied", code);
    }

    /**
     * Records what a non-session actor did, such as {@code admin:<token name>}.
     *
     * @param outcome {@code allowed}, {@code denied} or {@code failed}
     */
    public void actor(String actor, Optional<Owner> owner, String action, String outcome, String detail) {
        log.record(new AuditEntry(clock.instant(), actor, owner.map(Owner::key), action, outcome, detail,
                Optional.ofNullable(MDC.get(REQUEST_ID))));
    }

    private void write(Principal principal, Optional<Owner> owner, String action, String outcome, String detail) {
        log.record(new AuditEntry(clock.instant(), principal.userId().value(), owner.map(Owner::key), action, outcome,
                detail, Optional.ofNullable(MDC.get(REQUEST_ID))));
    }
}
