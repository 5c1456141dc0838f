package io.billingbridge.stripe;

import com.stripe.exception.StripeException;
import com.stripe.net.HttpClient;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import com.stripe.net.StripeResponseStream;
import io.billingbridge.core.error.ProviderUnavailable;
import io.billingbridge.core.signal.BillingSignals;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * stripe-java's own HTTP client, made to wait for the client-side budget before every attempt (retries and
 * auto-paging included), with search requests also held to the search budget.
 *
 * <p>With a call limit (for calls made while an HTTP request waits), no attempt starts once the limit has passed
 * since the call began: stripe-java's retries stay inside it instead of multiplying the read timeout.
 *
 * <p>Wraps rather than extends {@link HttpURLConnectionClient}: its {@code request} calls {@code requestStream},
 * which would count a request twice.
 */
final class BudgetedHttpClient extends HttpClient {

    private static final Logger LOG = LoggerFactory.getLogger(BudgetedHttpClient.class);
    /** What a client is told after a call ran out of time: Stripe is slow, so not at once. */
    private static final Duration RETRY_AFTER_DEADLINE = Duration.ofSeconds(5);
    /** The outcome label of an attempt that got no HTTP answer (connection refused, timed out, reset). */
    private static final String NETWORK_ERROR = "network_error";
    /** The outcome label of an attempt never started: the budget, the call's time limit or an interrupt refused it. */
    private static final String BUDGET_EXHAUSTED = "budget_exhausted";

    private final RequestBudget all;
    private final RequestBudget search;
    private final Duration maxWait;
    /** How long one call (all its attempts) may start attempts for, in nanoseconds; 0 for no limit. */
    private final long callLimitNanos;
    /** When the call running on this thread stops starting attempts, in {@link System#nanoTime()}. */
    private final ThreadLocal<Long> callDeadline = new ThreadLocal<>();
    private final HttpClient delegate = new HttpURLConnectionClient();
    private final BillingSignals signals;

    BudgetedHttpClient(RequestBudget all, RequestBudget search, Duration maxWait, BillingSignals signals) {
        this(all, search, maxWait, Duration.ZERO, signals);
    }

    /** A client sharing the given budgets whose calls start no attempt after {@code callLimit} (zero: no limit). */
    BudgetedHttpClient(RequestBudget all, RequestBudget search, Duration maxWait, Duration callLimit,
            BillingSignals signals) {
        this.all = all;
        this.search = search;
        this.maxWait = maxWait;
        this.callLimitNanos = callLimit.toNanos();
        this.signals = signals;
    }

    @Override
    public StripeResponse requestWithRetries(StripeRequest request) throws StripeException {
        boolean outermost = beginCall();
        try {
            return super.requestWithRetries(request);
        } finally {
            endCall(outermost);
        }
    }

    @Override
    public StripeResponseStream requestStreamWithRetries(StripeRequest request) throws StripeException {
        boolean outermost = beginCall();
        try {
            return super.requestStreamWithRetries(request);
        } finally {
            endCall(outermost);
        }
    }

    private boolean beginCall() {
        if (callLimitNanos == 0 || callDeadline.get() != null) {
            return false;
        }
        callDeadline.set(System.nanoTime() + callLimitNanos);
        return true;
    }

    private void endCall(boolean outermost) {
        if (outermost) {
            callDeadline.remove();
        }
    }

    private void checkDeadline() {
        Long deadline = callDeadline.get();
        if (deadline != null && System.nanoTime() - deadline >= 0) {
            LOG.warn("Stripe call exceeded its {} ms limit inside a request: giving up",
                    TimeUnit.NANOSECONDS.toMillis(callLimitNanos));
            throw new ProviderUnavailable("stripe", null, RETRY_AFTER_DEADLINE, null);
        }
    }

    @Override
    public StripeResponse request(StripeRequest request) throws StripeException {
        awaitBudget(request);
        long start = System.nanoTime();
        try {
            StripeResponse response = delegate.request(request);
            signal(request, outcome(response.code()), start);
            return response;
        } catch (StripeException | RuntimeException e) {
            signal(request, NETWORK_ERROR, start);
            throw e;
        }
    }

    @Override
    public StripeResponseStream requestStream(StripeRequest request) throws StripeException {
        awaitBudget(request);
        long start = System.nanoTime();
        try {
            StripeResponseStream response = delegate.requestStream(request);
            signal(request, outcome(response.code()), start);
            return response;
        } catch (StripeException | RuntimeException e) {
            signal(request, NETWORK_ERROR, start);
            throw e;
        }
    }

    /** The outcome label of an answered attempt. */
    static String outcome(int status) {
        if (status == 429) {
            return "rate_limited";
        }
        return status >= 500 ? "server_error" : status >= 400 ? "client_error" : "ok";
    }

    private void signal(StripeRequest request, String outcome, long startNanos) {
        signals.stripeCall(request.method().name(), StripeEndpoints.template(request.url().getPath()), outcome,
                (System.nanoTime() - startNanos) / 1e9);
    }

    private void awaitBudget(StripeRequest request) {
        try {
            waitForBudget(request);
        } catch (ProviderUnavailable refused) {
            signals.stripeCall(request.method().name(), StripeEndpoints.template(request.url().getPath()),
                    BUDGET_EXHAUSTED, 0);
            throw refused;
        }
    }

    private void waitForBudget(StripeRequest request) {
        checkDeadline();
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
        checkDeadline();
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
