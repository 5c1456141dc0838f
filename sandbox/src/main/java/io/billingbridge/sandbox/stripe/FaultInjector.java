package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Makes upcoming API requests fail (500, 503 or 429) or slow down before they run, loses the response of writes
 * after they ran (a 500 or a dropped connection), and delays search indexing, for reliability tests.
 */
final class FaultInjector {

    /** What to do to one request before it runs: fail with a status (0 = don't) and/or wait first. */
    record Fault(int failStatus, long latencyMillis) {
    }

    /**
     * How the response to a write that was executed and stored is lost: answered with {@code status} instead, or
     * (status 0) the connection closed with no response at all.
     */
    record LostResponse(int status) {

        boolean dropsConnection() {
            return status == 0;
        }
    }

    private int failuresLeft;
    private int failStatus;
    private int slowLeft;
    private long latencyMillis;
    private int failAfterWriteLeft;
    private int failAfterWriteStatus;
    private int dropAfterWriteLeft;
    private long searchLagMillis;
    /** Failures aimed at one route: method, a regular expression for the path, how many left, which status. */
    private final java.util.List<Aimed> aimed = new java.util.ArrayList<>();

    /** Failures for the requests whose method and path match, used up one per matching request. */
    private static final class Aimed {
        final String method;
        final java.util.regex.Pattern path;
        int left;
        final int status;

        Aimed(String method, java.util.regex.Pattern path, int left, int status) {
            this.method = method;
            this.path = path;
            this.left = left;
            this.status = status;
        }
    }
    /** Customers created while a search lag was set: when search may see each, in {@link System#nanoTime()}. */
    private final Map<String, Long> searchableFrom = new HashMap<>();
    /** Counts resets, so that a pause in progress ends when the faults are cleared. */
    private long resets;

    synchronized void failNext(int count, int status) {
        if (status != 500 && status != 429 && status != 503) {
            throw new IllegalArgumentException("status must be 500, 503 or 429");
        }
        failuresLeft = Math.max(0, count);
        failStatus = status;
    }

    /** Makes the next {@code count} requests whose method and whole path match fail with {@code status}. */
    synchronized void failNextTo(String method, String pathRegex, int count, int status) {
        if (status != 500 && status != 429 && status != 503) {
            throw new IllegalArgumentException("status must be 500, 503 or 429");
        }
        aimed.add(new Aimed(method, java.util.regex.Pattern.compile(pathRegex), Math.max(0, count), status));
    }

    /** The status a request to this route must fail with, from the aimed failures (0 = none). */
    synchronized int takeFor(String method, String path) {
        for (Aimed a : aimed) {
            if (a.left > 0 && a.method.equals(method) && a.path.matcher(path).matches()) {
                a.left--;
                return a.status;
            }
        }
        return 0;
    }

    /** Adds latency to the next {@code count} requests; a count of 0 or less means every request until reset. */
    synchronized void latency(long millis, int count) {
        latencyMillis = Math.max(0, millis);
        slowLeft = count <= 0 ? Integer.MAX_VALUE : count;
    }

    /** Lets the next {@code count} writes (POST, DELETE) run and store their result, then answers {@code status}. */
    synchronized void failNextAfterWrite(int count, int status) {
        if (status != 500 && status != 503) {
            throw new IllegalArgumentException("status after a write must be 500 or 503");
        }
        failAfterWriteLeft = Math.max(0, count);
        failAfterWriteStatus = status;
    }

    /** Lets the next {@code count} writes run and store their result, then closes the connection unanswered. */
    synchronized void dropNextAfterWrite(int count) {
        dropAfterWriteLeft = Math.max(0, count);
    }

    /** Customers created from now on stay out of search results for {@code millis}, as Stripe's search lags. */
    synchronized void searchLag(long millis) {
        searchLagMillis = Math.max(0, millis);
    }

    synchronized Fault take() {
        int status = 0;
        if (failuresLeft > 0) {
            failuresLeft--;
            status = failStatus;
        }
        long latency = 0;
        if (slowLeft > 0 && latencyMillis > 0) {
            if (slowLeft != Integer.MAX_VALUE) {
                slowLeft--;
            }
            latency = latencyMillis;
        }
        return new Fault(status, latency);
    }

    /** How the response of a write that just ran is lost, if it is; 500s are used up before drops. */
    synchronized Optional<LostResponse> takeAfterWrite() {
        if (failAfterWriteLeft > 0) {
            failAfterWriteLeft--;
            return Optional.of(new LostResponse(failAfterWriteStatus));
        }
        if (dropAfterWriteLeft > 0) {
            dropAfterWriteLeft--;
            return Optional.of(new LostResponse(0));
        }
        return Optional.empty();
    }

    /** After-write faults not used yet, 500s and drops together. */
    synchronized int afterWriteLeft() {
        return failAfterWriteLeft + dropAfterWriteLeft;
    }

    /** Notes a customer just created, which search does not see until the search lag has passed. */
    synchronized void created(String customerId) {
        if (searchLagMillis > 0) {
            searchableFrom.put(customerId, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(searchLagMillis));
        }
    }

    /** Whether search sees this customer yet. */
    synchronized boolean searchable(String customerId) {
        Long from = searchableFrom.get(customerId);
        if (from == null) {
            return true;
        }
        if (System.nanoTime() - from >= 0) {
            searchableFrom.remove(customerId);
            return true;
        }
        return false;
    }

    synchronized void reset() {
        failuresLeft = 0;
        slowLeft = 0;
        latencyMillis = 0;
        failAfterWriteLeft = 0;
        dropAfterWriteLeft = 0;
        searchLagMillis = 0;
        searchableFrom.clear();
        aimed.clear();
        resets++;
        notifyAll();
    }

    /**
     * Waits out a request's injected latency, ending early when the faults are reset: a "hung" Stripe that comes
     * back answers the requests it held at once instead of keeping the emulator's threads asleep.
     */
    synchronized void pause(long millis) throws InterruptedException {
        long resetsBefore = resets;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while (resets == resetsBefore && (left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    synchronized ObjectNode describe() {
        ObjectNode out = Json.object();
        out.put("fail_next", failuresLeft);
        out.put("fail_status", failStatus);
        out.put("latency_ms", latencyMillis);
        out.put("latency_requests", slowLeft == Integer.MAX_VALUE ? -1 : slowLeft);
        out.put("fail_after_write", failAfterWriteLeft);
        out.put("after_write_status", failAfterWriteStatus);
        out.put("drop_after_write", dropAfterWriteLeft);
        out.put("search_lag_ms", searchLagMillis);
        return out;
    }
}
