package io.billingbridge.core.checkout;

import io.billingbridge.core.catalog.Price;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.identity.IdentityDirectory;
import io.billingbridge.core.owner.Owner;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The default checkout plan: quantity by the price's rule, trial and tax by configuration or price metadata, metered
 * add-ons by price metadata or else configuration. A metered price takes no quantity: its rule does not apply.
 */
public final class ConfiguredCheckoutPlan implements CheckoutPlan {
    private final CheckoutSettings settings;
    private final SeatCounter seats;

    public ConfiguredCheckoutPlan(CheckoutSettings settings, IdentityDirectory directory) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.seats = new SeatCounter(directory);
    }

    @Override
    public CheckoutTerms termsFor(Owner owner, Price price, Optional<Long> requestedQuantity) {
        Optional<Integer> trial = price.isRecurring() ? trialDays(price) : Optional.empty();
        List<String> addOns = price.isRecurring() ? meteredAddOns(price) : List.of();
        if (price.isMetered()) {
            if (requestedQuantity.isPresent()) {
                throw new InvalidRequest("quantity_not_adjustable", "a metered price is charged by usage and takes"
                        + " no quantity", "quantity");
            }
            return new CheckoutTerms(1, trial, settings.automaticTax(), settings.allowPromotionCodes(), Map.of(),
                    addOns);
        }
        QuantityRule rule;
        try {
            rule = QuantityRule.of(price.setting(QuantityRule.METADATA_KEY), settings.defaultQuantity());
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest("price_misconfigured", "that price's quantity rule is misconfigured", "price");
        }
        long quantity = quantity(rule, owner, requestedQuantity);
        return new CheckoutTerms(quantity, trial, settings.automaticTax(), settings.allowPromotionCodes(), Map.of(),
                addOns);
    }

    private List<String> meteredAddOns(Price price) {
        Optional<String> fromPrice = price.setting(CheckoutSettings.METERED_ADD_ONS_KEY);
        if (fromPrice.isPresent()) {
            return Arrays.stream(fromPrice.get().split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct()
                    .toList();
        }
        List<String> byId = settings.meteredAddOns().get(price.id());
        if (byId != null) {
            return byId;
        }
        return price.lookupKey().map(key -> settings.meteredAddOns().getOrDefault(key, List.of())).orElse(List.of());
    }

    private long quantity(QuantityRule rule, Owner owner, Optional<Long> requested) {
        if (rule instanceof QuantityRule.Chosen chosen) {
            long q = requested.orElse(chosen.min());
            if (q < chosen.min() || q > chosen.max()) {
                throw new InvalidRequest("quantity_out_of_range",
                        "quantity must be between " + chosen.min() + " and " + chosen.max(), "quantity");
            }
            return q;
        }
        long decided = rule instanceof QuantityRule.Fixed fixed ? fixed.quantity() : seats.count(owner);
        if (requested.isPresent() && requested.get() != decided) {
            throw new InvalidRequest("quantity_not_adjustable",
                    "this price's quantity is set by the application (" + decided + ")", "quantity");
        }
        return decided;
    }

    private Optional<Integer> trialDays(Price price) {
        Optional<String> fromPrice = price.setting(CheckoutSettings.TRIAL_DAYS_KEY);
        if (fromPrice.isPresent()) {
            try {
                int days = Integer.parseInt(fromPrice.get().trim());
                return days > 0 ? Optional.of(days) : Optional.empty();
            } catch (NumberFormatException e) {
                throw new InvalidRequest("price_misconfigured", "that price's trial length is misconfigured", "price");
            }
        }
        return settings.trialDays();
    }
}
