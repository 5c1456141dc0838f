package io.billingbridge.sandbox.stripe;

import java.util.HashMap;
import java.util.Map;

/**
 * Stripe's {@code Idempotency-Key} semantics: the same key with the same request replays the saved response,
 * with other parameters is refused ({@code idempotency_error}), and while the first is in flight gets a 409.
 */
final class IdempotencyLayer {

    /** What to do with an incoming request that carries a key. */
    sealed interface Decision permits Proceed, Replay, Refuse {
    }

    /** Run the request; report its response with {@link #complete}. */
    record Proceed() implements Decision {
    }

    /** Answer with the saved response of the first request. */
    record Replay(ApiResponse response, String originalRequestId) implements Decision {
    }

    /** Refuse with this error. */
    record Refuse(StripeApiException error) implements Decision {
    }

    private record Entry(String fingerprint, ApiResponse response, String requestId) {

        boolean inFlight() {
            return response == null;
        }
    }

    private final Map<String, Entry> entries = new HashMap<>();

    synchronized Decision begin(String key, String fingerprint, String requestId) {
        Entry entry = entries.get(key);
        if (entry == null) {
            entries.put(key, new Entry(fingerprint, null, requestId));
            return new Proceed();
        }
        if (entry.inFlight()) {
            return new Refuse(new StripeApiException(409, "invalid_request_error", "idempotency_key_in_use", null,
                    "There is currently another in-progress request using this Idempotent Key (that probably means"
                            + " you submitted twice, and that's fine). Please try again later.", null));
        }
        if (!entry.fingerprint().equals(fingerprint)) {
            return new Refuse(new StripeApiException(400, "idempotency_error", null, null,
                    "Keys for idempotent requests can only be used with the same parameters they were first used"
                            + " with. Try using a key other than '" + key + "' if you meant to execute a different"
                            + " request.", null));
        }
        return new Replay(entry.response(), entry.requestId());
    }

    /** Saves the response for replay, or forgets the key when Stripe would not have saved a result. */
    synchronized void complete(String key, ApiResponse response) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return;
        }
        int status = response.status();
        boolean save = status < 500 && status != 400 && status != 401 && status != 409 && status != 429;
        if (save) {
            entries.put(key, new Entry(entry.fingerprint(), response, entry.requestId()));
        } else {
            entries.remove(key);
        }
    }

    synchronized int inFlight() {
        return (int) entries.values().stream().filter(Entry::inFlight).count();
    }

    synchronized void reset() {
        entries.clear();
    }
}
