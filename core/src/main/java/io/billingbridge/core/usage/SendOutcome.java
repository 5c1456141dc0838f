package io.billingbridge.core.usage;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** What became of one attempt to send a meter event to Stripe. */
public sealed interface SendOutcome {
    /** Codes are short lower-case words, never Stripe's message. */
    Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    /** Stripe recorded the event. */
    record Sent() implements SendOutcome {
    }

    /** Stripe already has an event with this identifier (an earlier attempt got through): as good as sent. */
    record AlreadySent() implements SendOutcome {
    }

    /**
     * Stripe could not take the event now (5xx, timeout, 429, unreachable, our budget exhausted); sending it again
     * later is safe because of its identifier.
     *
     * @param kind e.g. {@code server_error}, {@code rate_limited}, {@code unreachable}
     * @param retryAfter Stripe's hint, when it gave one
     */
    record TryLater(String kind, Optional<Duration> retryAfter) implements SendOutcome {
        public TryLater {
            requireCode(kind);
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }

    /**
     * Stripe refused the event for good (a 4xx other than a duplicate identifier): it will never be billed.
     *
     * @param code Stripe's error code when it is a safe word, else {@code provider_rejected}
     */
    record Refused(String code) implements SendOutcome {
        public Refused {
            requireCode(code);
        }
    }

    private static void requireCode(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("an outcome code is a short lower-case word");
        }
    }
}
