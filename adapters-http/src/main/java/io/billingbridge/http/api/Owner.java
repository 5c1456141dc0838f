package io.billingbridge.http.api;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Objects;

/** Who pays: a user or an organization, by Clerk id. */
public record Owner(@Schema(allowableValues = {"user", "organization"}) String type, String id) {
    public Owner {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public static Owner of(io.billingbridge.core.owner.Owner owner) {
        return new Owner(owner.type().wireName(), owner.id());
    }
}
