package io.billingbridge.core.snapshot;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.signal.BillingSignals;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Owners' accounts and snapshots kept in memory between changes, so the billing read every page load makes needs no
 * database round trip while nothing changed.
 *
 * <p>Correct across server instances because it serves from memory only while its {@link OwnerChangeListener feed}
 * is live, that is while every instance's committed change to an account or snapshot is announced to it: before the
 * feed first connects, and from the moment it is lost until it is back, every read goes to the database and nothing
 * is kept. A read that overlapped any announced change is not kept (it may have read the state before it). Only
 * what a read would serve as is gets kept: a snapshot marked out of date, or a customer never synced, is read from
 * the database each time (that read syncs it). Entries end after {@code maxAge} in any case, and at most
 * {@code maxOwners} are held. The access check runs on every read, from memory or not: this is only the store.
 */
public final class CachedOwnerSnapshots implements OwnerSnapshots, OwnerChangeListener, SnapshotListener {
    /** The key announced when every owner changed (a table was emptied). */
    public static final String EVERY_OWNER = "*";

    private final OwnerSnapshots database;
    private final int maxOwners;
    private final Duration maxAge;
    private final Clock clock;
    private final BillingSignals signals;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();
    private volatile boolean live;

    private record Entry(OwnerBilling billing, Instant until) {
    }

    /**
     * A cache over the database's reads, serving nothing from memory until its feed says it is live.
     *
     * @param maxOwners how many owners are held at most; 0 turns the cache off
     * @param maxAge how long an entry is served at most, even with no change announced
     */
    public CachedOwnerSnapshots(OwnerSnapshots database, int maxOwners, Duration maxAge, Clock clock,
            BillingSignals signals) {
        this.database = Objects.requireNonNull(database, "database");
        if (maxOwners < 0) {
            throw new IllegalArgumentException("maxOwners must not be negative");
        }
        if (maxAge.isNegative()) {
            throw new IllegalArgumentException("maxAge must not be negative");
        }
        this.maxOwners = maxOwners;
        this.maxAge = maxAge;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signals = Objects.requireNonNull(signals, "signals");
    }

    @Override
    public OwnerBilling find(Owner owner) {
        if (!live || maxOwners == 0) {
            signals.ownerRead(false);
            return database.find(owner);
        }
        String key = owner.key();
        Instant now = clock.instant();
        Entry entry = entries.get(key);
        if (entry != null && now.isBefore(entry.until())) {
            signals.ownerRead(true);
            return entry.billing();
        }
        long seen = changes.get();
        OwnerBilling billing = database.find(owner);
        signals.ownerRead(false);
        if (servedAsIs(billing)) {
            keep(key, new Entry(billing, now.plus(maxAge)), seen, now);
        } else if (entry != null) {
            entries.remove(key, entry);
        }
        return billing;
    }

    @Override
    public OwnerBilling findInStore(Owner owner) {
        return database.find(owner);
    }

    /** Whether the cache was configured off (a limit of 0 owners): it then never serves from memory. */
    public boolean disabled() {
        return maxOwners == 0;
    }

    /** Whether the cache currently serves from memory (its feed is live). */
    public boolean serving() {
        return live && maxOwners > 0;
    }

    @Override
    public void ownerChanged(String ownerKey) {
        changes.incrementAndGet();
        if (EVERY_OWNER.equals(ownerKey)) {
            entries.clear();
        } else {
            entries.remove(ownerKey);
        }
    }

    @Override
    public void feedLive() {
        changes.incrementAndGet();
        entries.clear();
        live = true;
    }

    @Override
    public void feedLost() {
        live = false;
        changes.incrementAndGet();
        entries.clear();
    }

    /** A sync on this instance changed the owner's snapshot: dropped here before the announcement arrives. */
    @Override
    public void snapshotChanged(Owner owner, BillingSnapshot snapshot) {
        ownerChanged(owner.key());
    }

    /**
     * Keeps an entry read when the change count was {@code seen}; put first, then checked, so a change announced at
     * any moment during the read either is seen here or removes the entry after it was put.
     */
    private void keep(String key, Entry entry, long seen, Instant now) {
        if (entries.size() >= maxOwners && !entries.containsKey(key)) {
            entries.values().removeIf(kept -> !now.isBefore(kept.until()));
            if (entries.size() >= maxOwners) {
                entries.clear();
            }
        }
        entries.put(key, entry);
        if (changes.get() != seen || !live) {
            entries.remove(key, entry);
        }
    }

    /** Whether a read would serve this as it is: no sync wanted first. */
    private static boolean servedAsIs(OwnerBilling billing) {
        boolean customer = billing.account().flatMap(BillingAccount::customerId).isPresent();
        return billing.stored().map(stored -> !stored.dirty()).orElse(!customer);
    }
}
