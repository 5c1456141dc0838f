package io.billingbridge.http.api;

import java.util.Objects;

/** A recurring price's interval: {@code month} every {@code 1}. */
public record Recurring(String interval, int intervalCount) {
    public Recurring {
        Objects.requireNonNull(interval, "interval");
    }
}
