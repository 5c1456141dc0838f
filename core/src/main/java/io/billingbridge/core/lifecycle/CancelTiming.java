package io.billingbridge.core.lifecycle;

import io.billingbridge.core.error.InvalidRequest;
import java.util.Arrays;
import java.util.Locale;

/** When a cancellation takes effect: at the end of the paid period, or now. */
public enum CancelTiming {
    PERIOD_END,
    NOW;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The timing the client named: {@code period_end} or {@code now}; anything else is a 400 on {@code at}. */
    public static CancelTiming parse(String value) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new InvalidRequest("invalid_at", "at must be 'period_end' or 'now'", "at"));
    }
}
