package io.billingbridge.http;

import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.error.BillingException;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.error.OwnerNotFound;
import io.billingbridge.core.error.PaymentFailed;
import io.billingbridge.core.error.ProviderUnavailable;
import io.billingbridge.core.error.RateLimited;
import io.billingbridge.core.error.Unauthenticated;
import io.billingbridge.http.api.ErrorBody;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;

/** Builds error responses in the API's one shape, with the right status and headers. */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    /** The response for a core exception. */
    public static Response of(BillingException e) {
        Response.ResponseBuilder builder = Response.status(status(e))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(type(e), e.code(), e.getMessage(),
                        e instanceof Conflict c ? c.subscription() : Optional.empty()));
        if (e instanceof RateLimited r) {
            builder.header(HttpHeaders.RETRY_AFTER, seconds(r.retryAfter()));
        } else if (e instanceof ProviderUnavailable p) {
            builder.header(HttpHeaders.RETRY_AFTER, seconds(p.retryAfter()));
        } else if (e instanceof Unauthenticated) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return builder.build();
    }

    /** A response in the error shape for any status. */
    public static Response of(int status, String type, String code, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(type, code, message)).build();
    }

    static int status(BillingException e) {
        if (e instanceof Unauthenticated) {
            return 401;
        }
        if (e instanceof AccessDenied) {
            return 403;
        }
        if (e instanceof OwnerNotFound || e instanceof NotFound) {
            return 404;
        }
        if (e instanceof Conflict) {
            return 409;
        }
        if (e instanceof RateLimited) {
            return 429;
        }
        if (e instanceof PaymentFailed) {
            return 402;
        }
        if (e instanceof ProviderUnavailable) {
            return 503;
        }
        if (e instanceof InvalidRequest) {
            return 400;
        }
        return 500;
    }

    private static String type(BillingException e) {
        if (e instanceof Unauthenticated) {
            return "authentication_error";
        }
        if (e instanceof AccessDenied) {
            return "permission_error";
        }
        if (e instanceof RateLimited) {
            return "rate_limit_error";
        }
        if (e instanceof ProviderUnavailable) {
            return "api_error";
        }
        if (e instanceof PaymentFailed) {
            return "card_error";
        }
        return "invalid_request_error";
    }

    private static String seconds(Duration d) {
        return Long.toString(Math.max(1, (d.toMillis() + 999) / 1000));
    }
}
