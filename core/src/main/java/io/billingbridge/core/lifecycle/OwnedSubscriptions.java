package io.billingbridge.core.lifecycle;

import io.billingbridge.core.access.Action;
import io.billingbridge.core.access.Guard;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.access.SessionRateLimit;
import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.Snapshots;
import io.billingbridge.core.snapshot.StoredSnapshot;
import io.billingbridge.core.snapshot.SubscriptionView;
import io.billingbridge.core.snapshot.SyncSnapshot;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one check in front of every subscription lifecycle call: the caller may perform the action on the owner the
 * request names (the {@link Guard}), the call fits the caller's session rate limit, and the subscription id is one
 * of that owner's, as its stored billing snapshot shows.
 *
 * <p>Any other id (another owner's, a made-up one, a malformed one) is {@code 404 subscription_not_found}, the same
 * answer whether or not it exists elsewhere, and the attempt is audited as denied. A snapshot that is missing or
 * marked out of date is synced once (waiting at most {@code syncWait}) before an id is called unknown, so a
 * subscription bought a moment ago, whose webhook is still on its way, is found.
 */
public final class OwnedSubscriptions {
    /** The error code of a subscription id that is not one of the owner's. */
    public static final String NOT_FOUND = "subscription_not_found";
    private static final Pattern SUBSCRIPTION_ID = Pattern.compile("sub_[A-Za-z0-9]{1,250}");

    private final Guard guard;
    private final Snapshots snapshots;
    private final SyncSnapshot sync;
    private final SessionRateLimit rateLimit;
    private final Auditor auditor;
    private final Duration syncWait;

    public OwnedSubscriptions(Guard guard, Snapshots snapshots, SyncSnapshot sync, SessionRateLimit rateLimit,
            Auditor auditor, Duration syncWait) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.sync = Objects.requireNonNull(sync, "sync");
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.syncWait = Objects.requireNonNull(syncWait, "syncWait");
    }

    /**
     * The owner's subscription with this id, when the caller may perform the action on the owner.
     *
     * @param ownerType {@code user} or {@code organization}, as the client sent it
     * @param organizationId the organization the client named, if any
     * @param subscriptionId the id from the request path
     * @throws io.billingbridge.core.error.AccessDenied (audited) when the caller may not act on the owner
     * @throws io.billingbridge.core.error.RateLimited when the caller's session is over its rate
     * @throws NotFound (audited, code {@value #NOT_FOUND}) when the id is not one of the owner's subscriptions
     */
    public OwnedSubscription find(Principal principal, String ownerType, Optional<String> organizationId,
            String subscriptionId, Action action) {
        Guard.Authorized authorized = guard.authorizeWithAccount(principal, ownerType, organizationId, action);
        Owner owner = authorized.owner();
        rateLimit.acquire(principal);
        if (subscriptionId == null || !SUBSCRIPTION_ID.matcher(subscriptionId).matches()) {
            throw notFound(principal, owner, action);
        }
        Optional<CustomerId> customer = authorized.account().flatMap(BillingAccount::customerId);
        if (customer.isEmpty()) {
            throw notFound(principal, owner, action);
        }
        Optional<StoredSnapshot> stored = snapshots.find(customer.get());
        Optional<SubscriptionView> found = stored.flatMap(s -> in(s.snapshot(), subscriptionId));
        if (found.isEmpty() && (stored.isEmpty() || stored.get().dirty())) {
            found = in(sync.syncWithin(owner, customer.get(), syncWait), subscriptionId);
        }
        return new OwnedSubscription(owner, customer.get(),
                found.orElseThrow(() -> notFound(principal, owner, action)));
    }

    private static Optional<SubscriptionView> in(BillingSnapshot snapshot, String subscriptionId) {
        return snapshot.subscriptions().stream().filter(s -> s.id().equals(subscriptionId)).findFirst();
    }

    private NotFound notFound(Principal principal, Owner owner, Action action) {
        auditor.denied(principal, Optional.of(owner), action, NOT_FOUND);
        return new NotFound(NOT_FOUND, "no such subscription for this " + owner.type().wireName());
    }
}
