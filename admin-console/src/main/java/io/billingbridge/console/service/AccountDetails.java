package io.billingbridge.console.service;

import java.util.Objects;

/**
 * One owner as the admin API shows it.
 *
 * @param snapshot the stored billing snapshot; null when none was stored yet
 */
public record AccountDetails(Account account, Billing snapshot) {
    public AccountDetails {
        Objects.requireNonNull(account, "account");
    }
}
