package io.billingbridge.stripe;

import com.stripe.exception.StripeException;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import com.stripe.net.StripeResponseStream;
import io.billingbridge.core.error.ProviderUnavailable;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * stripe-java's own HTTP client, made to wait for the client-side budget before every attempt (retries and
 * auto-paging included), with search requests also held to the search budget.
 *
 * <p>Wraps rather than extends {@link HttpURLConnectionClient}: its {@code request} calls {@code requestStream},
 * which would count a request twice.
 */
final class BudgetedHttpClient extends HttpClient {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetedHttpClient.class);

    private final RequestBudget all;
    private final RequestBudget search;
    private final Duration maxWait;
    private final HttpClient delegate = new HttpURLConnectionClient();

    BudgetedHttpClient(RequestBudget all, RequestBudget search, Duration maxWait) {
        this.all = all;
        this.search = search;
        this.maxWait = maxWait;
    }

    @Override
    public StripeResponse request(StripeRequest request) throws StripeException {
        awaitBudget(request);
        return delegate.request(request);
    }

    @Override
    public StripeResponseStream requestStream(StripeRequest request) throws StripeException {
        awaitBudget(request);
        return delegate.requestStream(request);
    }

    private void awaitBudget(StripeRequest request) {
        long notBefore = Long.MIN_VALUE;
        if (request.url().getPath().endsWith("/search")) {
            notBefore = reserve(search, Long.MIN_VALUE, "search");
        }
        long at = reserve(all, notBefore, "request");
        long wait;
        while ((wait = at - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
            if (Thread.interrupted()) {
                Thread.currentThread().interrupt();
                throw new ProviderUnavailable("stripe", null, Duration.ofSeconds(1), null);
            }
        }
    }

    private long reserve(RequestBudget budget, long notBefore, String kind) {
        long at = budget.reserve(notBefore, maxWait);
        if (at == Long.MIN_VALUE) {
            LOG.warn("Stripe {} budget of {}/s exhausted for more than {}: refusing the call", kind,
                    budget.perSecond(), maxWait);
            throw new ProviderUnavailable("stripe", null, Duration.ofSeconds(1), null);
        }
        return at;
    }
}
