package io.billingbridge.core.payment;

import io.billingbridge.core.account.CustomerId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of the provider's live customers: those whose metadata names an owner, how many customers the page
 * held in all, and where the next page starts.
 *
 * @param owned the page's customers that name an owner
 * @param scanned how many live customers the page held, owned or not
 * @param next the customer to list after for the next page, or empty on the last page
 */
public record OwnedCustomerPage(List<OwnedCustomer> owned, int scanned, Optional<CustomerId> next) {
    public OwnedCustomerPage {
        owned = List.copyOf(owned);
        Objects.requireNonNull(next, "next");
        if (scanned < owned.size()) {
            throw new IllegalArgumentException("a page holds at least its owned customers");
        }
    }
}
