package io.billingbridge.core.audit;

import io.billingbridge.core.access.Action;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.admin.AdminAction;
import io.billingbridge.core.appkey.AppKeyAction;
import io.billingbridge.core.owner.Owner;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.MDC;

/**
 * Writes audit entries, stamping the time and the request id from the logging context.
 *
 * <p>Actions are only ever {@link Action} (a session caller), {@link AdminAction} (an admin token holder) or
 * {@link AppKeyAction} (an application key holder): the audit log stores their wire names, so it speaks the same
 * vocabulary as the access policy.
 */
public final class Auditor {
    /** The MDC key the HTTP layer puts the request id under. */
    public static final String REQUEST_ID = "requestId";

    private final AuditLog log;
    private final Clock clock;

    public Auditor(AuditLog log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records an action a session caller was allowed and did. */
    public void allowed(Principal principal, Owner owner, Action action, String detail) {
        write(principal.userId().value(), Optional.of(owner), action.wireName(), AuditOutcome.ALLOWED, detail);
    }

    /** Records a session caller's denied attempt, with the denial code as detail. */
    public void denied(Principal principal, Optional<Owner> owner, Action action, String code) {
        write(principal.userId().value(), owner, action.wireName(), AuditOutcome.DENIED, code);
    }

    /**
     * Records what an admin API caller did.
     *
     * @param actor {@code admin:<token name>}, or {@code admin:unknown} for a refused token
     */
    public void admin(String actor, Optional<Owner> owner, AdminAction action, AuditOutcome outcome, String detail) {
        write(actor, owner, action.wireName(), outcome, detail);
    }

    /**
     * Records what an application key holder did, or a refused key.
     *
     * @param actor {@code app:<key name>}, or {@code app:unknown} for a refused key
     */
    public void app(String actor, AppKeyAction action, AuditOutcome outcome, String detail) {
        write(actor, Optional.empty(), action.wireName(), outcome, detail);
    }

    private void write(String actor, Optional<Owner> owner, String action, AuditOutcome outcome, String detail) {
        log.record(new AuditEntry(clock.instant(), actor, owner.map(Owner::key), action, outcome.wireName(), detail,
                Optional.ofNullable(MDC.get(REQUEST_ID))));
    }
}
