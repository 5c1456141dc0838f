package io.billingbridge.http;

import io.billingbridge.core.error.BillingException;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.ProviderUnavailable;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps core exceptions to the error shape; logs once, with codes and ids only. */
public final class BillingExceptionMapper implements ExceptionMapper<BillingException> {
    private static final Logger LOG = LoggerFactory.getLogger(BillingExceptionMapper.class);

    @Override
    public Response toResponse(BillingException e) {
        if (e instanceof ProviderUnavailable p) {
            LOG.warn("{} unavailable (provider request {})", p.provider(), p.providerRequestId().orElse("none"));
        } else if (e instanceof InvalidRequest i) {
            LOG.info("rejected request: {} (param {})", e.code(), i.param().orElse("-"));
        } else {
            LOG.info("refused request: {} {}", e.getClass().getSimpleName(), e.code());
        }
        return ErrorResponses.of(e);
    }
}
