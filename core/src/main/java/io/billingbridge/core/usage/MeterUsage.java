package io.billingbridge.core.usage;

import io.billingbridge.core.account.CustomerId;
import java.math.BigDecimal;
import java.time.Instant;

/** Port: reads Stripe billing meters and the usage they aggregated for a customer. */
public interface MeterUsage {

    /**
     * The meter.
     *
     * @throws io.billingbridge.core.error.NotFound when the provider has no such meter
     */
    Meter meter(MeterId meter);

    /**
     * The customer's usage on the meter from {@code start} (inclusive) to {@code end} (exclusive), aggregated by the
     * meter's formula; both instants on whole minutes, as Stripe's event summaries require.
     */
    BigDecimal usage(CustomerId customer, MeterId meter, Instant start, Instant end);
}
