package io.billingbridge.core.publish;

import io.billingbridge.core.identity.IdentityDirectory;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.BillingSnapshot;
import io.billingbridge.core.snapshot.SnapshotListener;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Optional listener: writes plan, status and entitlements into the owner's public metadata in the identity
 * provider, under one key, so frontends can gate features on the session without calling us.
 */
public final class PublishBillingToIdentity implements SnapshotListener {
    private final IdentityDirectory directory;
    private final String key;

    /** @param key the public-metadata key to write under, e.g. {@code billing} */
    public PublishBillingToIdentity(IdentityDirectory directory, String key) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.key = Objects.requireNonNull(key, "key");
    }

    @Override
    public void snapshotChanged(Owner owner, BillingSnapshot snapshot) {
        directory.mergePublicMetadata(owner, Map.of(key, summary(snapshot)));
    }

    /** The published summary: the live plans (lookup key, else price id), the best status, and entitlement keys. */
    static Map<String, Object> summary(BillingSnapshot snapshot) {
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
        summary.put("entitlements", List.copyOf(snapshot.entitlementKeys()));
        return summary;
    }
}
