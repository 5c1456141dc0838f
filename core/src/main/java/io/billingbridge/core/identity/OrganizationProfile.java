package io.billingbridge.core.identity;

import io.billingbridge.core.owner.OrganizationId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What the identity provider knows of an organization that billing cares about. */
public record OrganizationProfile(OrganizationId id, String name, Optional<String> slug,
        Optional<Integer> membersCount, Map<String, Object> publicMetadata) {

    public OrganizationProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        publicMetadata = Map.copyOf(publicMetadata);
    }
}
