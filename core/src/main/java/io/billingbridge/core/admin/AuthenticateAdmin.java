package io.billingbridge.core.admin;

import io.billingbridge.core.audit.AuditOutcome;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.Unauthenticated;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the bearer token of an admin API request into the admin it belongs to.
 *
 * <p>Refusals are audited through a {@link RefusalTally}: at most one row per reason per window, whose detail
 * counts the refusals it stands for, so junk requests cannot push real entries out of view.
 */
public final class AuthenticateAdmin {
    /** The actor recorded for a refused request, whose token names no admin. */
    public static final String UNKNOWN_ACTOR = "admin:unknown";

    private final AdminTokens tokens;
    private final Auditor auditor;
    private final RefusalTally refusals;

    public AuthenticateAdmin(AdminTokens tokens, Auditor auditor, RefusalTally refusals) {
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
    }

    /**
     * The admin holding this token.
     *
     * @throws Unauthenticated when there is no token, or it is not a known, unrevoked admin token
     */
    public AdminIdentity authenticate(Optional<String> bearer) {
        if (bearer.isEmpty()) {
            audit("admin_token_missing");
            throw new Unauthenticated("admin_token_missing", "send 'Authorization: Bearer <admin token>'");
        }
        Optional<AdminIdentity> admin = AdminTokenFormat.looksLikeToken(bearer.get())
                ? tokens.verify(bearer.get())
                : Optional.empty();
        if (admin.isEmpty()) {
            audit("admin_token_invalid");
            throw new Unauthenticated("admin_token_invalid", "the admin token is not valid (unknown or revoked)");
        }
        return admin.get();
    }

    private void audit(String reason) {
        refusals.refuse(reason).ifPresent(detail -> auditor.admin(UNKNOWN_ACTOR, Optional.empty(),
                AdminAction.AUTHENTICATE, AuditOutcome.DENIED, detail));
    }
}
