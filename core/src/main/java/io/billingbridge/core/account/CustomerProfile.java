package io.billingbridge.core.account;

import java.util.Map;
import java.util.Optional;

/**
 * What a Stripe customer is told about its owner.
 *
 * @param name display name, if known
 * @param email billing email, if known (never logged)
 * @param metadata extra customer metadata, beyond the owner keys Billing Bridge always sets
 */
public record CustomerProfile(Optional<String> name, Optional<String> email, Map<String, String> metadata) {

    public CustomerProfile {
        name = name.filter(n -> !n.isBlank());
        email = email.filter(e -> !e.isBlank());
        metadata = Map.copyOf(metadata);
    }

    /** A profile with nothing known yet. */
    public static CustomerProfile empty() {
        return new CustomerProfile(Optional.empty(), Optional.empty(), Map.of());
    }

    @Override
    public String toString() {
        return "CustomerProfile[name=" + name.isPresent() + ", email=" + email.isPresent()
                + ", metadata=" + metadata.keySet() + "]";
    }
}
