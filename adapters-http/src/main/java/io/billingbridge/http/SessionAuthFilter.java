package io.billingbridge.http;

import io.billingbridge.core.access.Principal;
import io.billingbridge.core.error.Unauthenticated;
import io.billingbridge.core.identity.TokenVerifier;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies the caller's session token and attaches the {@link Principal} to the request.
 *
 * <p>As Clerk's SDKs do: the {@code Authorization} header when present (and then only it), else the
 * {@code __session} cookie. Any failure is a plain 401; the verifier logs which check failed. A state-changing
 * request authenticated by the cookie must be {@code application/json} (else 415), so no form on another site can
 * make one; a bearer token is never sent by a browser on its own, so it needs no such rule.
 */
@RequiresSession
@Priority(Priorities.AUTHENTICATION)
public final class SessionAuthFilter implements ContainerRequestFilter {
    static final String PRINCIPAL = "billingbridge.principal";
    private static final String COOKIE = "__session";
    private static final Set<String> SAFE_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final TokenVerifier verifier;

    public SessionAuthFilter(TokenVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(PRINCIPAL, verifier.verify(token(request)));
    }

    private static String token(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            if (header.regionMatches(true, 0, "Bearer ", 0, 7) && header.length() > 7) {
                return header.substring(7).trim();
            }
            throw new Unauthenticated("the Authorization header must be 'Bearer <session token>'");
        }
        Cookie cookie = request.getCookies().get(COOKIE);
        if (cookie != null && !cookie.getValue().isBlank()) {
            requireJsonUnlessSafe(request);
            return cookie.getValue();
        }
        throw new Unauthenticated("sign in first: no session token");
    }

    /**
     * Refuses a state-changing request that the cookie alone authenticates unless it is {@code application/json},
     * with or without a body: another site's form or {@code text/plain} POST carries the cookie, but it cannot set
     * that content type without a CORS preflight, which only the configured origins pass.
     */
    private static void requireJsonUnlessSafe(ContainerRequestContext request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return;
        }
        String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        String essence = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!essence.equals(MediaType.APPLICATION_JSON)) {
            throw new NotSupportedException("a request authenticated by the session cookie must be application/json");
        }
    }

    /** The verified caller of a request that passed this filter. */
    public static Principal principal(ContainerRequestContext request) {
        Object principal = request.getProperty(PRINCIPAL);
        if (principal instanceof Principal p) {
            return p;
        }
        throw new Unauthenticated("sign in first: no session token");
    }
}
