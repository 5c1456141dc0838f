package io.billingbridge.core.identity;

import io.billingbridge.core.owner.UserId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the identity provider knows of a user that billing cares about.
 *
 * @param primaryEmail the user's primary email address (never logged)
 */
public record UserProfile(UserId id, Optional<String> firstName, Optional<String> lastName,
        Optional<String> primaryEmail, Map<String, Object> publicMetadata) {

    public UserProfile {
        Objects.requireNonNull(id, "id");
        publicMetadata = Map.copyOf(publicMetadata);
    }

    /** First and last name joined, if either is known. */
    public Optional<String> fullName() {
        String joined = (firstName.orElse("") + " " + lastName.orElse("")).trim();
        return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    }
}
