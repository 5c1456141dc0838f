package io.billingbridge.http.api;

import io.billingbridge.core.snapshot.BillingView;
import java.util.Objects;
import java.util.Optional;

/** The admin's view of one owner: the account, and its stored billing snapshot with all details, if any. */
public record AccountDetails(Account account, Optional<Billing> snapshot) {
    public AccountDetails {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(snapshot, "snapshot");
    }

    public static AccountDetails of(io.billingbridge.core.admin.AccountDetails details) {
        return new AccountDetails(
                Account.of(details.account(), details.snapshot().map(s -> s.dirty()).orElse(false)),
                details.snapshot().map(s -> Billing.of(BillingView.of(s.owner(), s.snapshot(), true, s.dirty()))));
    }
}
