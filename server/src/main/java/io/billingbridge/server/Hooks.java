package io.billingbridge.server;

import io.billingbridge.core.access.AccessPolicy;
import io.billingbridge.core.account.CustomerProfiles;
import io.billingbridge.core.checkout.CheckoutPlan;
import io.billingbridge.core.snapshot.SnapshotListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The Java extension points, for what YAML cannot express: each hook receives the configured default and
 * returns what to use instead (the default itself, a wrapper around it, or a replacement).
 *
 * <pre>{@code
 * new BillingBridgeApplication(Hooks.defaults()
 *         .checkoutPlan(plan -> (owner, price, qty) -> myTerms(plan.termsFor(owner, price, qty)))
 *         .listener((owner, snapshot) -> analytics.planChanged(owner, snapshot)))
 *     .run(args);
 * }</pre>
 */
public record Hooks(
        UnaryOperator<CustomerProfiles> customerProfiles,
        UnaryOperator<CheckoutPlan> checkoutPlan,
        UnaryOperator<AccessPolicy> accessPolicy,
        List<SnapshotListener> listeners) {

    public Hooks {
        Objects.requireNonNull(customerProfiles, "customerProfiles");
        Objects.requireNonNull(checkoutPlan, "checkoutPlan");
        Objects.requireNonNull(accessPolicy, "accessPolicy");
        listeners = List.copyOf(listeners);
    }

    /** The defaults, unchanged. */
    public static Hooks defaults() {
        return new Hooks(UnaryOperator.identity(), UnaryOperator.identity(), UnaryOperator.identity(), List.of());
    }

    /** Replaces or wraps the customer profile hook. */
    public Hooks customerProfiles(UnaryOperator<CustomerProfiles> hook) {
        return new Hooks(hook, checkoutPlan, accessPolicy, listeners);
    }

    /** Replaces or wraps the checkout plan hook. */
    public Hooks checkoutPlan(UnaryOperator<CheckoutPlan> hook) {
        return new Hooks(customerProfiles, hook, accessPolicy, listeners);
    }

    /** Replaces or wraps the access policy; keep it default-deny. */
    public Hooks accessPolicy(UnaryOperator<AccessPolicy> hook) {
        return new Hooks(customerProfiles, checkoutPlan, hook, listeners);
    }

    /** Adds a listener called after an owner's billing state changed. */
    public Hooks listener(SnapshotListener listener) {
        List<SnapshotListener> more = new ArrayList<>(listeners);
        more.add(listener);
        return new Hooks(customerProfiles, checkoutPlan, accessPolicy, more);
    }
}
