package io.billingbridge.core.snapshot;

/**
 * Told of every committed change to any owner's account or stored snapshot, made by any server instance, so what an
 * instance keeps in memory about owners can be dropped at once.
 *
 * <p>The feed that calls it says when it may be trusted: only between {@link #feedLive()} and {@link #feedLost()}
 * has every change been announced.
 */
public interface OwnerChangeListener {

    /** The owner's account or snapshot changed; {@code ownerKey} is an {@code Owner#key()}, or {@code *} for all. */
    void ownerChanged(String ownerKey);

    /** The feed is connected: from now on every change is announced (those before were not). */
    void feedLive();

    /** The feed is disconnected: changes may be missed until it is live again. */
    void feedLost();
}
