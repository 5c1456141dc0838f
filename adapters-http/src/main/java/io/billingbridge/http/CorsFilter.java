package io.billingbridge.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import java.util.Set;

/**
 * CORS for the configured application origins only, with credentials (the {@code __session} cookie).
 *
 * <p>Any other origin gets no CORS headers, so browsers keep its pages from reading our answers. An allowed page may
 * send {@code If-None-Match} and read the {@code ETag}, for the browser client's conditional reads.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 10)
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {
    private static final String ORIGIN = "Origin";
    private final Set<String> allowedOrigins;

    public CorsFilter(Set<String> allowedOrigins) {
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String origin = request.getHeaderString(ORIGIN);
        if (HttpMethod.OPTIONS.equals(request.getMethod())
                && request.getHeaderString("Access-Control-Request-Method") != null) {
            Response.ResponseBuilder preflight = Response.noContent();
            if (origin != null && allowedOrigins.contains(origin)) {
                preflight.header("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS")
                        .header("Access-Control-Allow-Headers", "Authorization, Content-Type, If-None-Match")
                        .header("Access-Control-Max-Age", "600");
            }
            request.abortWith(preflight.build());
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString(ORIGIN);
        response.getHeaders().add("Vary", ORIGIN);
        if (origin != null && allowedOrigins.contains(origin)) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
            response.getHeaders().putSingle("Access-Control-Allow-Credentials", "true");
            response.getHeaders().putSingle("Access-Control-Expose-Headers", "Request-Id, Retry-After, ETag");
        }
    }
}
