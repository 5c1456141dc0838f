package io.billingbridge.core.payment;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import java.util.Objects;

/** A live customer in the payment provider whose metadata names an owner. */
public record OwnedCustomer(CustomerId customer, Owner owner) {
    public OwnedCustomer {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(owner, "owner");
    }
}
