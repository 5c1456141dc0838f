package io.billingbridge.http;

import io.billingbridge.core.audit.Auditor;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.security.NoSuchAlgorithmException;
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
    /**
     * One DRBG per thread: the default {@code SecureRandom} (NativePRNG) serialises every caller on one global lock,
     * which request threads queued on under webhook load (issue 11).
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(RequestIdFilter::drbg);

    /** A new request id: {@code req_} and 24 random hex digits. */
    public static String newId() {
        byte[] bytes = new byte[12];
        RANDOM.get().nextBytes(bytes);
        return "req_" + HexFormat.of().formatHex(bytes);
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK's DRBG SecureRandom is missing", e);
        }
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
