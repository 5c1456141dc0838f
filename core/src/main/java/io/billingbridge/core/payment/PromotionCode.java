package io.billingbridge.core.payment;

import io.billingbridge.core.account.CustomerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A customer-facing promotion code as the provider holds it, with what decides whether it can be redeemed now.
 *
 * @param code what the customer types, such as {@code WELCOME20}
 * @param customer the only customer who may redeem it, when restricted
 * @param maxRedemptions how often it may be redeemed in all, when limited
 * @param couponValid whether its coupon can still be applied (not deleted, not past its redeem-by date)
 */
public record PromotionCode(PromotionCodeId id, String code, boolean active, Optional<Instant> expiresAt,
        Optional<CustomerId> customer, Optional<Long> maxRedemptions, long timesRedeemed, boolean couponValid) {

    public PromotionCode {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(maxRedemptions, "maxRedemptions");
    }

    /** True when this customer may redeem the code at {@code now}. */
    public boolean redeemableBy(CustomerId buyer, Instant now) {
        return active && couponValid
                && expiresAt.map(now::isBefore).orElse(true)
                && customer.map(buyer::equals).orElse(true)
                && maxRedemptions.map(max -> timesRedeemed < max).orElse(true);
    }
}
