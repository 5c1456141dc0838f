package io.billingbridge.sandbox.clerk;

import java.util.Map;
import java.util.Objects;

/** An organization of the dev instance; times are Unix milliseconds. */
public record DevOrganization(String id, String name, String slug, Map<String, Object> publicMetadata,
        long createdAt, long updatedAt) {

    public DevOrganization {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        publicMetadata = DevJson.frozen(publicMetadata);
    }

    /** This organization with another name and slug. */
    public DevOrganization withName(String newName, String newSlug) {
        return new DevOrganization(id, newName, newSlug, publicMetadata, createdAt, updatedAt);
    }

    DevOrganization withMetadata(Map<String, Object> metadata, long now) {
        return new DevOrganization(id, name, slug, metadata, createdAt, now);
    }

    DevOrganization touched(long now) {
        return new DevOrganization(id, name, slug, publicMetadata, createdAt, now);
    }
}
