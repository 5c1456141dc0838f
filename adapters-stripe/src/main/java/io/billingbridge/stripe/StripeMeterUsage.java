package io.billingbridge.stripe;

import static io.billingbridge.stripe.StripePaymentProvider.call;

import com.stripe.StripeClient;
import com.stripe.model.StripeCollection;
import com.stripe.model.billing.MeterEventSummary;
import com.stripe.param.billing.MeterEventSummaryListParams;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.usage.Meter;
import io.billingbridge.core.usage.MeterId;
import io.billingbridge.core.usage.MeterUsage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Billing meters and their event summaries on Stripe, through the same budgeted client as the other Stripe calls.
 *
 * <p>Calls: a meter 1; a customer's usage 1 (one summary for the whole window, as no grouping window is asked;
 * more pages only if Stripe ever split it).
 */
public final class StripeMeterUsage implements MeterUsage {
    private final StripeClient stripe;

    StripeMeterUsage(StripeClient stripe) {
        this.stripe = Objects.requireNonNull(stripe, "stripe");
    }

    @Override
    public Meter meter(MeterId meter) {
        return StripeMapping.meter(call("meter", () -> stripe.v1().billing().meters().retrieve(meter.value())));
    }

    @Override
    public BigDecimal usage(CustomerId customer, MeterId meter, Instant start, Instant end) {
        StripeCollection<MeterEventSummary> first = call("meterUsage", () -> stripe.v1().billing().meters()
                .eventSummaries().list(meter.value(), MeterEventSummaryListParams.builder()
                        .setCustomer(customer.value()).setStartTime(start.getEpochSecond())
                        .setEndTime(end.getEpochSecond()).setLimit(100L).build()));
        BigDecimal total = BigDecimal.ZERO;
        for (MeterEventSummary summary : StripeMapping.all("meterUsage", first)) {
            if (summary.getAggregatedValue() != null) {
                total = total.add(summary.getAggregatedValue());
            }
        }
        BigDecimal usage = total.stripTrailingZeros();
        return usage.scale() < 0 ? usage.setScale(0) : usage;
    }
}
