package io.billingbridge.core.payment;

import io.billingbridge.core.owner.OwnerType;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The billing portal configuration Billing Bridge keeps for one owner type: switching only among that owner type's
 * purchasable recurring prices, cancelling at period end, payment method updates and invoice history.
 *
 * <p>Customer details are not editable in it: Billing Bridge keeps name and email in step with the identity provider,
 * which would overwrite an edit made in the portal.
 *
 * @param products product id to the price ids offered for switching (in a stable order); empty disables switching
 */
public record PortalConfigurationSpec(OwnerType ownerType, Map<String, List<String>> products) {
    /** The metadata key that marks a configuration as ours, with the owner type as its value. */
    public static final String OWNER_TYPE_METADATA = "billing_bridge_owner_type";
    /** The metadata key holding {@link #fingerprint()}, to tell whether a found configuration is up to date. */
    public static final String FINGERPRINT_METADATA = "billing_bridge_fingerprint";
    /** Stripe accepts at most this many products in a portal configuration. */
    public static final int MAX_PRODUCTS = 10;

    public PortalConfigurationSpec {
        Objects.requireNonNull(ownerType, "ownerType");
        products = products.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> List.copyOf(e.getValue()), (a, b) -> a, java.util.TreeMap::new));
        products = java.util.Collections.unmodifiableMap(products);
        if (products.size() > MAX_PRODUCTS) {
            throw new IllegalArgumentException("a portal configuration offers at most " + MAX_PRODUCTS + " products");
        }
    }

    /** A short digest of what the configuration offers: equal specs, equal fingerprints. */
    public String fingerprint() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest((ownerType.wireName() + products).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
