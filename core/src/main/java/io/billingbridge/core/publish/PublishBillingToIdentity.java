package io.billingbridge.core.publish;

import io.billingbridge.core.identity.IdentityDirectory;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.AccessState;
import io.billingbridge.core.snapshot.AccessStateSettings;
import io.billingbridge.core.snapshot.AccessStates;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.EntitlementView;
import io.billingbridge.core.snapshot.SnapshotListener;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Optional listener: writes plan, status, access state and entitlements into the owner's public metadata in the
 * identity provider, under one key, so frontends can gate features on the session without calling us.
 *
 * <p>Never a URL (metadata is readable by every member): the access state goes as plan, state and
 * {@code graceEndsAt}. It is written when the snapshot changes; a grace period that runs out without any billing
 * change is not re-published, so a frontend compares {@code graceEndsAt} with the time itself.
 */
public final class PublishBillingToIdentity implements SnapshotListener {
    private final IdentityDirectory directory;
    private final String key;
    private final AccessStates accessStates;
    private final Clock clock;

    /** @param key the public-metadata key to write under, e.g. {@code billing} */
    public PublishBillingToIdentity(IdentityDirectory directory, String key) {
        this(directory, key, new AccessStates(AccessStateSettings.defaults()), Clock.systemUTC());
    }

    /**
     * @param key the public-metadata key to write under, e.g. {@code billing}
     * @param accessStates how billing states translate into the published access state
     */
    public PublishBillingToIdentity(IdentityDirectory directory, String key, AccessStates accessStates, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.key = Objects.requireNonNull(key, "key");
        this.accessStates = Objects.requireNonNull(accessStates, "accessStates");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void snapshotChanged(Owner owner, BillingSnapshot snapshot) {
        directory.mergePublicMetadata(owner, Map.of(key, summary(snapshot, accessStates, clock.instant())));
    }

    /**
     * The published summary: the live plans (lookup key, else price id), the best status, the access state's plan,
     * state and grace end, and the entitlement keys the state grants.
     */
    static Map<String, Object> summary(BillingSnapshot snapshot, AccessStates accessStates, Instant now) {
        List<SubscriptionView> live = snapshot.subscriptions().stream().filter(SubscriptionView::isLive).toList();
        List<String> plans = live.stream()
                .flatMap(s -> s.items().stream())
                .map(SubscriptionItemView::lookupKey)
                .map(k -> k.orElse(null))
                .filter(Objects::nonNull)
                .distinct()
                .toList();
        List<String> priceIds = live.stream().flatMap(s -> s.items().stream()).map(SubscriptionItemView::priceId)
                .distinct().toList();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("plans", plans.isEmpty() ? priceIds : plans);
        summary.put("status", live.stream().map(SubscriptionView::status).findFirst().orElse("none"));
        AccessState access = accessStates.of(snapshot.subscriptions(), now);
        summary.put("entitlements", accessStates.entitlements(access, snapshot.entitlements()).stream()
                .map(EntitlementView::lookupKey).collect(Collectors.toCollection(TreeSet::new)).stream().toList());
        summary.put("plan", access.plan().orElse(null));
        summary.put("state", access.state().wireName());
        summary.put("graceEndsAt", access.graceEndsAt().map(Instant::toString).orElse(null));
        return summary;
    }
}
