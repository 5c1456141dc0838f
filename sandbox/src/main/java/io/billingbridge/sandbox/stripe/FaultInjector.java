package io.billingbridge.sandbox.stripe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.TimeUnit;

/** Makes upcoming API requests fail (500 or 429) or slow down, for reliability tests. */
final class FaultInjector {

    /** What to do to one request: fail with a status (0 = don't) and/or wait first. */
    record Fault(int failStatus, long latencyMillis) {
    }

    private int failuresLeft;
    private int failStatus;
    private int slowLeft;
    private long latencyMillis;
    /** Counts resets, so that a pause in progress ends when the faults are cleared. */
    private long resets;

    synchronized void failNext(int count, int status) {
        if (status != 500 && status != 429 && status != 503) {
            throw new IllegalArgumentException("status must be 500, 503 or 429");
        }
        failuresLeft = Math.max(0, count);
        failStatus = status;
    }

    /** Adds latency to the next {@code count} requests; a count of 0 or less means every request until reset. */
    synchronized void latency(long millis, int count) {
        latencyMillis = Math.max(0, millis);
        slowLeft = count <= 0 ? Integer.MAX_VALUE : count;
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

    synchronized void reset() {
        failuresLeft = 0;
        slowLeft = 0;
        latencyMillis = 0;
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
        return out;
    }
}
