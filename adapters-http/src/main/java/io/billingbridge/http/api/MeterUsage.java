package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.billingbridge.core.usage.UsageSoFar;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The usage so far in the current period of one metered item of a live subscription.
 *
 * @param usage the meter's aggregate for the owner from the minute the period started to {@code asOf}
 * @param amount {@code usage} times the price's unit amount, before discounts, credits and tax; absent for a price
 *     without a unit amount
 * @param asOf the end of the counted window (a whole minute); the figure may be up to half a minute old
 */
public record MeterUsage(Meter meter, String subscription, MeteredPrice price,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant currentPeriodStart,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant currentPeriodEnd,
        @Schema(types = "number") BigDecimal usage, Optional<Money> amount,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant asOf) {

    public MeterUsage {
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(subscription, "subscription");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(currentPeriodStart, "currentPeriodStart");
        Objects.requireNonNull(currentPeriodEnd, "currentPeriodEnd");
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(asOf, "asOf");
    }

    /**
     * A Stripe billing meter.
     *
     * @param eventName the event name the application's backend reports usage under
     */
    public record Meter(String id, String displayName, String eventName) {
        public Meter {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(displayName, "displayName");
            Objects.requireNonNull(eventName, "eventName");
        }
    }

    /**
     * The metered price charging for the usage.
     *
     * @param unitAmount per unit of usage; absent for a tiered or custom price
     */
    public record MeteredPrice(String id, Optional<String> lookupKey, Optional<Money> unitAmount) {
        public MeteredPrice {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(lookupKey, "lookupKey");
            Objects.requireNonNull(unitAmount, "unitAmount");
        }
    }

    public static MeterUsage of(UsageSoFar u) {
        return new MeterUsage(new Meter(u.meter().id().value(), u.meter().displayName(), u.meter().eventName()),
                u.subscriptionId(), new MeteredPrice(u.priceId(), u.lookupKey(), u.unitAmount().map(Money::of)),
                u.periodStart(), u.periodEnd(), u.usage(), u.amount().map(Money::of), u.asOf());
    }
}
