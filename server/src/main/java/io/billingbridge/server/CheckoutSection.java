package io.billingbridge.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.billingbridge.core.checkout.CheckoutGuardrails;
import io.billingbridge.core.payment.TrialEndBehavior;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code billing.checkout:} in config.yml — the guardrails every checkout passes. */
public class CheckoutSection {
    /** At most one live subscription per product group (product metadata {@code billing_bridge_group}). */
    @JsonProperty
    private boolean oneSubscriptionPerGroup = true;

    /** No trial for an owner who ever had one. */
    @JsonProperty
    private boolean trialOncePerOwner = true;

    /** When false, a trial starts without a card ({@code payment_method_collection=if_required}). */
    @JsonProperty
    private boolean trialRequiresPaymentMethod = true;

    /** {@code cancel}, {@code pause} or {@code create_invoice}: a cardless trial's end without a card. */
    @JsonProperty
    private String trialEndBehavior = "cancel";

    /** Let business buyers enter a tax id at checkout. */
    @JsonProperty
    private boolean taxIdCollection;

    /**
     * Per base price (id or lookup key), the metered prices a checkout of it adds; a price's metadata
     * {@code billing_bridge_metered_add_ons} takes precedence.
     */
    @JsonProperty
    private Map<String, List<String>> meteredAddOns = Map.of();

    public void setMeteredAddOns(Map<String, List<String>> meteredAddOns) {
        this.meteredAddOns = meteredAddOns;
    }

    public Map<String, List<String>> meteredAddOns() {
        return meteredAddOns == null ? Map.of() : meteredAddOns;
    }

    public void setTrialRequiresPaymentMethod(boolean trialRequiresPaymentMethod) {
        this.trialRequiresPaymentMethod = trialRequiresPaymentMethod;
    }

    public void setTrialEndBehavior(String trialEndBehavior) {
        this.trialEndBehavior = trialEndBehavior;
    }

    public void setTaxIdCollection(boolean taxIdCollection) {
        this.taxIdCollection = taxIdCollection;
    }

    CheckoutGuardrails toGuardrails() {
        String value = trialEndBehavior == null ? "" : trialEndBehavior.trim();
        TrialEndBehavior behavior = TrialEndBehavior.fromWireName(value).orElseThrow(() -> new StartupProblem(
                "billing.checkout.trialEndBehavior: '" + trialEndBehavior + "' is not one of "
                        + Arrays.stream(TrialEndBehavior.values()).map(TrialEndBehavior::wireName).toList()));
        return new CheckoutGuardrails(oneSubscriptionPerGroup, trialOncePerOwner, trialRequiresPaymentMethod,
                behavior, taxIdCollection);
    }
}
