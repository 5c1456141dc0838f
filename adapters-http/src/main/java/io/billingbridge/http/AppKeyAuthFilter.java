package io.billingbridge.http;

import io.billingbridge.core.appkey.AppKeyIdentity;
import io.billingbridge.core.appkey.AppKeyScope;
import io.billingbridge.core.appkey.AuthenticateAppKey;
import io.billingbridge.core.error.Unauthenticated;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies the application key of a server-to-server request against the scopes its endpoint accepts, and
 * attaches the {@link AppKeyIdentity} to it.
 *
 * <p>Only {@code Authorization: Bearer bbapp_...} counts: no cookie, and a session or admin token is just an invalid
 * key. A missing, unknown or revoked key is a 401; a key without an accepted scope is a 403.
 */
public final class AppKeyAuthFilter implements ContainerRequestFilter {
    private static final String APP = "billingbridge.app";

    private final AuthenticateAppKey authenticate;
    private final Set<AppKeyScope> accepted;

    /** @param accepted the endpoint's scopes, any one of which suffices */
    public AppKeyAuthFilter(AuthenticateAppKey authenticate, Set<AppKeyScope> accepted) {
        this.authenticate = Objects.requireNonNull(authenticate, "authenticate");
        this.accepted = AppKeyScope.requireValid(accepted);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(APP, authenticate.authenticate(bearer(request), accepted));
    }

    private static Optional<String> bearer(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
            return Optional.of(header.substring(7).trim());
        }
        return Optional.empty();
    }

    /** The application backend of a request that passed this filter. */
    public static AppKeyIdentity app(ContainerRequestContext request) {
        if (request.getProperty(APP) instanceof AppKeyIdentity app) {
            return app;
        }
        throw new Unauthenticated("app_key_missing", "send 'Authorization: Bearer <app key>'");
    }
}
