package io.billingbridge.core.admin;

import io.billingbridge.core.audit.AuditOutcome;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.error.BillingException;
import io.billingbridge.core.owner.Owner;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs an admin action and audits it either way: allowed with a detail, or failed with the error code.
 *
 * <p>A token without the action's {@link AdminAction#scope()} is refused first, with {@code admin_scope_required},
 * and audited as denied. Parsing the request's parameters is part of the audited work, so a malformed request leaves
 * its row too.
 */
final class AdminAudit {
    /** The code of a refusal for a missing scope (a 403 {@code permission_error}). */
    static final String SCOPE_REQUIRED = "admin_scope_required";

    private final Auditor auditor;

    AdminAudit(Auditor auditor) {
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    <T> T run(AdminIdentity admin, Optional<Owner> owner, AdminAction action, Supplier<T> work, Function<T, String> detail) {
        requireScope(admin, owner, action);
        T result;
        try {
            result = work.get();
        } catch (BillingException e) {
            auditor.admin(admin.actor(), owner, action, AuditOutcome.FAILED, e.code());
            throw e;
        }
        auditor.admin(admin.actor(), owner, action, AuditOutcome.ALLOWED, detail.apply(result));
        return result;
    }

    /** Runs an action on the owner the request names; a name that does not parse is audited without an owner. */
    <T> T runForOwner(AdminIdentity admin, String ownerType, String ownerId, AdminAction action,
            Function<Owner, T> work, Function<T, String> detail) {
        Owner owner;
        try {
            owner = AdminOwners.parse(ownerType, ownerId);
        } catch (BillingException e) {
            requireScope(admin, Optional.empty(), action);
            auditor.admin(admin.actor(), Optional.empty(), action, AuditOutcome.FAILED, e.code());
            throw e;
        }
        return run(admin, Optional.of(owner), action, () -> work.apply(owner), detail);
    }

    private void requireScope(AdminIdentity admin, Optional<Owner> owner, AdminAction action) {
        if (!admin.may(action.scope())) {
            auditor.admin(admin.actor(), owner, action, AuditOutcome.DENIED, SCOPE_REQUIRED);
            throw new AccessDenied(SCOPE_REQUIRED, "this action needs an admin token with the '"
                    + action.scope().wireName() + "' scope");
        }
    }
}
