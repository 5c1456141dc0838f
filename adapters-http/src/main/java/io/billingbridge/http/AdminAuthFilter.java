package io.billingbridge.http;

import io.billingbridge.core.admin.AdminIdentity;
import io.billingbridge.core.admin.AuthenticateAdmin;
import io.billingbridge.core.error.Unauthenticated;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies the admin token of an admin API request and attaches the {@link AdminIdentity} to it.
 *
 * <p>Only {@code Authorization: Bearer bbadm_...} counts: no cookie, and a session token is just an invalid admin
 * token. Any failure is a plain 401.
 */
@RequiresAdmin
@Priority(Priorities.AUTHENTICATION)
public final class AdminAuthFilter implements ContainerRequestFilter {
    private static final String ADMIN = "billingbridge.admin";

    private final AuthenticateAdmin authenticate;

    public AdminAuthFilter(AuthenticateAdmin authenticate) {
        this.authenticate = Objects.requireNonNull(authenticate, "authenticate");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(ADMIN, authenticate.authenticate(bearer(request)));
    }

    private static Optional<String> bearer(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
            return Optional.of(header.substring(7).trim());
        }
        return Optional.empty();
    }

    /** The admin of a request that passed this filter. */
    public static AdminIdentity admin(ContainerRequestContext request) {
        if (request.getProperty(ADMIN) instanceof AdminIdentity admin) {
            return admin;
        }
        throw new Unauthenticated("admin_token_missing", "send 'Authorization: Bearer <admin token>'");
    }
}
