package io.billingbridge.core.access;

import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.owner.Owner;

/**
 * Decides whether a caller may perform an action on an owner's billing.
 *
 * <p>Implementations must deny anything they do not explicitly allow.
 */
@FunctionalInterface
public interface AccessPolicy {

    /** True when {@code principal} may perform {@code action} on {@code owner}. */
    boolean permits(Principal principal, Action action, Owner owner);

    /** Throws {@link AccessDenied} unless the action is permitted. */
    default void check(Principal principal, Action action, Owner owner) {
        if (!permits(principal, action, owner)) {
            throw new AccessDenied("you may not " + action.description() + " for this " + owner.type().wireName());
        }
    }
}
