package io.billingbridge.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeError;
import com.stripe.net.StripeResponse;
import io.billingbridge.core.error.BillingException;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.error.PaymentFailed;
import io.billingbridge.core.error.ProviderUnavailable;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where {@link StripeException}s become core exceptions, keeping Stripe's request id and never
 * Stripe's message text (which may echo what we sent).
 */
final class StripeErrors {

    private static final Logger LOG = LoggerFactory.getLogger(StripeErrors.class);
    private static final String PROVIDER = "stripe";
    /** Retry hint when Stripe gives none. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);
    private static final Pattern SAFE_CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final Pattern SAFE_PARAM = Pattern.compile("[A-Za-z0-9_\\[\\].]{1,100}");

    private StripeErrors() {
    }

    /** The core exception for a failed call; {@code operation} names the call in logs, e.g. {@code createCustomer}. */
    static BillingException translate(String operation, StripeException e) {
        String requestId = e.getRequestId();
        Integer status = e.getStatusCode();
        String code = e.getCode();
        if (e instanceof ApiConnectionException) {
            LOG.warn("Stripe unreachable during {} ({})", operation, rootCauseName(e));
            return new ProviderUnavailable(PROVIDER, requestId, DEFAULT_RETRY_AFTER, e);
        }
        if (e instanceof RateLimitException || status != null && status == 429) {
            Duration retryAfter = retryAfter(e).orElse(DEFAULT_RETRY_AFTER);
            LOG.warn("Stripe rate-limited {} (request {}), retry after {}", operation, requestId, retryAfter);
            return new ProviderUnavailable(PROVIDER, requestId, retryAfter, e);
        }
        if (e instanceof AuthenticationException || e instanceof PermissionException
                || status != null && (status == 401 || status == 403)) {
            LOG.error("Stripe rejected the API key (status {}) during {} (request {}): check STRIPE_SECRET_KEY",
                    status, operation, requestId);
            return new ProviderUnavailable(PROVIDER, requestId, Duration.ofSeconds(60), null);
        }
        if (e instanceof IdempotencyException || status != null && status == 409) {
            LOG.warn("Stripe refused {} as an idempotency conflict (request {})", operation, requestId);
            return new Conflict("idempotency_conflict", "the same request is already in progress or was made with"
                    + " other parameters");
        }
        if (e instanceof CardException || status != null && status == 402) {
            LOG.info("Stripe declined a payment during {} (request {}, code {})", operation, requestId,
                    safeCode(code));
            return new PaymentFailed("payment_failed", "the payment was declined");
        }
        if (status != null && status == 404) {
            LOG.info("Stripe: {} found nothing (request {}, code {})", operation, requestId, safeCode(code));
            return new NotFound("not_found", "the requested payment provider object does not exist");
        }
        if (status != null && status >= 400 && status < 500) {
            String param = safeParam(e).orElse(null);
            LOG.warn("Stripe rejected {} with status {} code {} param {} (request {})", operation, status,
                    safeCode(code), param, requestId);
            return new InvalidRequest(safeCode(code), "the payment provider rejected the request", param);
        }
        LOG.warn("Stripe failed during {} with status {} (request {})", operation, status, requestId);
        return new ProviderUnavailable(PROVIDER, requestId, DEFAULT_RETRY_AFTER, e);
    }

    /** Stripe's error code when it is a safe word, else {@code provider_rejected}. */
    static String safeCode(String code) {
        return code != null && SAFE_CODE.matcher(code).matches() ? code : "provider_rejected";
    }

    private static Optional<String> safeParam(StripeException e) {
        StripeError error = e.getStripeError();
        return Optional.ofNullable(error == null ? null : error.getParam())
                .filter(p -> SAFE_PARAM.matcher(p).matches());
    }

    private static String rootCauseName(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }

    /** The response's {@code Retry-After} (seconds or an HTTP date), when Stripe sent one. */
    static Optional<Duration> retryAfter(StripeException e) {
        StripeError error = e.getStripeError();
        StripeResponse response = error == null ? null : error.getLastResponse();
        if (response == null) {
            return Optional.empty();
        }
        return response.headers().firstValue("Retry-After").flatMap(StripeErrors::parseRetryAfter);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String text = value.trim();
        Duration wait;
        try {
            wait = Duration.ofSeconds(Long.parseLong(text));
        } catch (NumberFormatException notSeconds) {
            try {
                wait = Duration.between(ZonedDateTime.now(), ZonedDateTime.parse(text,
                        DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
        if (wait.isNegative() || wait.isZero()) {
            return Optional.of(Duration.ofSeconds(1));
        }
        return Optional.of(wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
    }
}
