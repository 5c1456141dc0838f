package io.billingbridge.core.snapshot;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether an owner has access now, by which plan, until when, and what would restore it: what a frontend gates
 * features on and what it offers the user.
 *
 * @param plan the plan's name: the granting subscription's product, or the configured default plan
 * @param graceEndsAt while in {@link State#GRACE}, when access ends unless the payment is fixed (absent when the
 *     grace has no end, as for a paused subscription configured to keep access)
 * @param action what the owner should do, when access is at risk or lost
 */
public record AccessState(Optional<String> plan, State state, Optional<Instant> graceEndsAt,
        Optional<Action> action) {

    public AccessState {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(graceEndsAt, "graceEndsAt");
        Objects.requireNonNull(action, "action");
    }

    /** The owner's standing. */
    public enum State {
        /** A paid, current subscription. */
        ACTIVE,
        /** In a trial. */
        TRIALING,
        /** A payment failed (or collection is pending) but access is kept for now. */
        GRACE,
        /** A subscription exists but no longer grants access until it is paid. */
        LOCKED,
        /** No live subscription: the default plan, if one is configured. */
        NONE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** True when this state grants the subscription's plan. */
        public boolean grantsAccess() {
            return this == ACTIVE || this == TRIALING || this == GRACE;
        }
    }

    /**
     * What restores access.
     *
     * @param url the open invoice's hosted page for {@link ActionType#PAY_INVOICE}; only for callers who may read
     *     billing details
     */
    public record Action(ActionType type, Optional<URI> url) {
        public Action {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(url, "url");
        }
    }

    /** The kinds of action a frontend offers. */
    public enum ActionType {
        /** Open the billing portal on its payment method step (flow {@code payment_method_update}). */
        UPDATE_PAYMENT_METHOD,
        /** Pay the open invoice on its hosted page. */
        PAY_INVOICE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The same state without the invoice URL, for callers who may not read billing details. */
    public AccessState withoutUrls() {
        return new AccessState(plan, state, graceEndsAt, action.map(a -> new Action(a.type(), Optional.empty())));
    }
}
