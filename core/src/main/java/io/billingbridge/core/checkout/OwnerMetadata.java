package io.billingbridge.core.checkout;

import io.billingbridge.core.owner.Owner;
import java.util.Map;

/** The metadata that names an owner on every Stripe object Billing Bridge creates. */
public final class OwnerMetadata {
    /** Metadata key holding {@code user} or {@code organization}. */
    public static final String OWNER_TYPE = "clerk_owner_type";
    /** Metadata key holding the Clerk user or organization id. */
    public static final String OWNER_ID = "clerk_owner_id";

    private OwnerMetadata() {
    }

    /** The two owner keys for this owner. */
    public static Map<String, String> of(Owner owner) {
        return Map.of(OWNER_TYPE, owner.type().wireName(), OWNER_ID, owner.id());
    }
}
