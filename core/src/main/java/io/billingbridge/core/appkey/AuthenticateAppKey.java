package io.billingbridge.core.appkey;

import io.billingbridge.core.admin.RefusalTally;
import io.billingbridge.core.audit.AuditOutcome;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.error.Unauthenticated;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns the bearer key of a server-to-server request into the application backend it belongs to, and checks that
 * the key holds a scope the endpoint accepts.
 *
 * <p>Only application keys count: a session or admin token is refused like an unknown key. Unknown and missing keys
 * are audited through a {@link RefusalTally}, as refused admin tokens are; a known key without the scope is audited
 * under its own name.
 */
public final class AuthenticateAppKey {
    /** The actor recorded for a refused request, whose key names no application backend. */
    public static final String UNKNOWN_ACTOR = "app:unknown";
    /** The code of a refusal for a missing scope (a 403 {@code permission_error}). */
    public static final String SCOPE_REQUIRED = "app_key_scope_required";

    private final AppKeys keys;
    private final Auditor auditor;
    private final RefusalTally refusals;

    public AuthenticateAppKey(AppKeys keys, Auditor auditor, RefusalTally refusals) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
    }

    /**
     * The backend holding this key, which holds at least one of the accepted scopes.
     *
     * @param accepted the scopes the endpoint accepts, any one of which suffices; never empty
     * @throws Unauthenticated when there is no key, or it is not a known, unrevoked application key
     * @throws AccessDenied when the key holds none of the accepted scopes
     */
    public AppKeyIdentity authenticate(Optional<String> bearer, Set<AppKeyScope> accepted) {
        AppKeyScope.requireValid(accepted);
        if (bearer.isEmpty()) {
            audit("app_key_missing");
            throw new Unauthenticated("app_key_missing", "send 'Authorization: Bearer <app key>'");
        }
        Optional<AppKeyIdentity> app = AppKeyFormat.looksLikeKey(bearer.get())
                ? keys.verify(bearer.get())
                : Optional.empty();
        if (app.isEmpty()) {
            audit("app_key_invalid");
            throw new Unauthenticated("app_key_invalid",
                    "the app key is not valid (unknown or revoked); only app keys (bbapp_...) are accepted here");
        }
        if (!app.get().mayAnyOf(accepted)) {
            auditor.app(app.get().actor(), AppKeyAction.AUTHENTICATE, AuditOutcome.DENIED, SCOPE_REQUIRED);
            throw new AccessDenied(SCOPE_REQUIRED, "this endpoint needs an app key with the "
                    + accepted.stream().map(s -> "'" + s.wireName() + "'").sorted().collect(Collectors.joining(" or "))
                    + " scope");
        }
        return app.get();
    }

    private void audit(String reason) {
        refusals.refuse(reason).ifPresent(detail -> auditor.app(UNKNOWN_ACTOR, AppKeyAction.AUTHENTICATE,
                AuditOutcome.DENIED, detail));
    }
}
