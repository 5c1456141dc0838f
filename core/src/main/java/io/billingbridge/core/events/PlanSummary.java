package io.billingbridge.core.events;

import io.billingbridge.core.snapshot.AccessState;
import io.billingbridge.core.snapshot.AccessStates;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.EntitlementView;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an owner's plan-level billing view shows, and all a {@code billing.updated} event tells: the plan, the access
 * state and the entitlement keys it grants; never invoices, payment methods or URLs.
 *
 * @param entitlements lookup keys, sorted and distinct
 */
public record PlanSummary(Optional<String> plan, AccessState.State state, List<String> entitlements) {
    public PlanSummary {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(state, "state");
        entitlements = entitlements.stream().distinct().sorted().toList();
    }

    /** The summary of {@code snapshot} at {@code now}, computed as billing reads compute the access state. */
    public static PlanSummary of(BillingSnapshot snapshot, AccessStates accessStates, Instant now) {
        AccessState access = accessStates.of(snapshot.subscriptions(), now);
        return new PlanSummary(access.plan(), access.state(),
                accessStates.entitlements(access, snapshot.entitlements()).stream()
                        .map(EntitlementView::lookupKey).toList());
    }
}
