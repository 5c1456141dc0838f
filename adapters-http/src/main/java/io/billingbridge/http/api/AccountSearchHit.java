package io.billingbridge.http.api;

import com.fasterxml.jackson.annotation.JsonFormat;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.admin.AccountHit;
import io.billingbridge.core.admin.MaskedEmail;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An account found by the admin search.
 *
 * @param email masked: the first character, {@code ***} and {@code @domain}, e.g. {@code a***@example.com}
 * @param plan product name and subscription status of each item of the stored snapshot; empty without one
 * @param lastSyncedAt when the stored snapshot was fetched from Stripe
 * @param snapshotOutOfDate a change was seen that the stored snapshot does not show yet
 * @param match the best way the account matched the search text
 */
public record AccountSearchHit(Owner owner, Optional<String> customer, Optional<String> name,
        @Schema(example = "a***@example.com") Optional<String> email, List<PlanEntry> plan,
        @Schema(allowableValues = {"pending", "active", "deleted"}) String syncState,
        @JsonFormat(shape = JsonFormat.Shape.STRING) Optional<Instant> lastSyncedAt, boolean snapshotOutOfDate,
        @Schema(allowableValues = {"exact", "prefix", "contains"}) String match) {
    public AccountSearchHit {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        plan = List.copyOf(plan);
        Objects.requireNonNull(syncState, "syncState");
        Objects.requireNonNull(lastSyncedAt, "lastSyncedAt");
        Objects.requireNonNull(match, "match");
    }

    public static AccountSearchHit of(AccountHit hit) {
        return new AccountSearchHit(Owner.of(hit.owner()), hit.customer().map(CustomerId::value), hit.name(),
                hit.email().map(MaskedEmail::value), hit.plan().stream().map(PlanEntry::of).toList(),
                hit.syncState().name().toLowerCase(Locale.ROOT), hit.lastSyncedAt(), hit.snapshotOutOfDate(),
                hit.match().wireName());
    }
}
