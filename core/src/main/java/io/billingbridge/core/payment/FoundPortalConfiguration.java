package io.billingbridge.core.payment;

import java.util.Objects;
import java.util.Optional;

/**
 * A portal configuration found by its metadata, with the fingerprint of the spec it was last saved from.
 *
 * @param fingerprint its {@link PortalConfigurationSpec#FINGERPRINT_METADATA}, empty when missing
 */
public record FoundPortalConfiguration(PortalConfigurationId id, Optional<String> fingerprint) {
    public FoundPortalConfiguration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fingerprint, "fingerprint");
    }
}
