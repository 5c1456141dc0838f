package io.billingbridge.http;

import io.billingbridge.core.audit.Auditor;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.MDC;

/** Gives every request an id, in the logging context and the {@code Request-Id} response header. */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {
    /** The response header carrying the request id. */
    public static final String HEADER = "Request-Id";
    private static final String PROPERTY = "billingbridge.requestId";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new request id: {@code req_} and 24 random hex digits. */
    public static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return "req_" + HexFormat.of().formatHex(bytes);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String id = newId();
        request.setProperty(PROPERTY, id);
        MDC.put(Auditor.REQUEST_ID, id);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
        MDC.remove(Auditor.REQUEST_ID);
    }
}
