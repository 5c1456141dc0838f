package io.billingbridge.core.usage;

import io.billingbridge.core.snapshot.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One metered item of a live subscription with the usage reported to its meter in the current period so far.
 *
 * @param priceId the metered price charging for the usage
 * @param unitAmount the price per unit; empty for a tiered or custom price
 * @param usage the meter's aggregate for the owner's customer from {@code periodStart} to {@code asOf}
 * @param amount {@code usage} times {@code unitAmount}, rounded half up to the currency's smallest unit, before
 *     discounts, credits and tax; empty when the price has no unit amount
 * @param asOf the end of the counted window: the minute after the usage was read (Stripe counts whole minutes)
 */
public record UsageSoFar(Meter meter, String subscriptionId, String priceId, Optional<String> lookupKey,
        Optional<Money> unitAmount, Instant periodStart, Instant periodEnd, BigDecimal usage, Optional<Money> amount,
        Instant asOf) {

    public UsageSoFar {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        Objects.requireNonNull(priceId, "priceId");
        Objects.requireNonNull(lookupKey, "lookupKey");
        Objects.requireNonNull(unitAmount, "unitAmount");
        Objects.requireNonNull(periodStart, "periodStart");
        Objects.requireNonNull(periodEnd, "periodEnd");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(asOf, "asOf");
    }
}
