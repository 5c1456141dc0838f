package io.billingbridge.sandbox.clerk;

import java.util.Map;
import java.util.Objects;

/** A user of the dev instance; {@code createdAt}/{@code updatedAt} are Unix milliseconds, as Clerk sends them. */
public record DevUser(String id, String firstName, String lastName, String email, Map<String, Object> publicMetadata,
        long createdAt, long updatedAt) {

    public DevUser {
        Objects.requireNonNull(id, "id");
        publicMetadata = DevJson.frozen(publicMetadata);
    }

    /** This user with another name. */
    public DevUser withName(String first, String last) {
        return new DevUser(id, first, last, email, publicMetadata, createdAt, updatedAt);
    }

    /** This user with another primary email address. */
    public DevUser withEmail(String address) {
        return new DevUser(id, firstName, lastName, address, publicMetadata, createdAt, updatedAt);
    }

    DevUser withMetadata(Map<String, Object> metadata, long now) {
        return new DevUser(id, firstName, lastName, email, metadata, createdAt, now);
    }

    DevUser touched(long now) {
        return new DevUser(id, firstName, lastName, email, publicMetadata, createdAt, now);
    }
}
