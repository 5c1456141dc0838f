package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.billingbridge.core.account.BillingAccount;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** An owner's billing account as the admin sees it: the Stripe customer and the state of its sync. */
public record Account(Owner owner, Optional<String> customer,
        @Schema(allowableValues = {"pending", "active"}) String syncState, Optional<String> profileName,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant createdAt,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Instant updatedAt, boolean snapshotOutOfDate) {
    public Account {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(syncState, "syncState");
        Objects.requireNonNull(profileName, "profileName");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static Account of(BillingAccount a, boolean snapshotOutOfDate) {
        return new Account(Owner.of(a.owner()), a.customerId().map(c -> c.value()),
                a.syncState().name().toLowerCase(Locale.ROOT), a.profile().name(), a.createdAt(), a.updatedAt(),
                snapshotOutOfDate);
    }
}
