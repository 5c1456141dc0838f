package io.billingbridge.core.account;

import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.PaymentProvider;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings an owner's customer in line with the identity provider after a user or organization changed. */
public final class SyncCustomerProfile {
    private static final Logger LOG = LoggerFactory.getLogger(SyncCustomerProfile.class);

    private final BillingAccounts accounts;
    private final PaymentProvider payments;
    private final CustomerProfiles profiles;
    private final Clock clock;

    public SyncCustomerProfile(BillingAccounts accounts, PaymentProvider payments, CustomerProfiles profiles,
            Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Updates the customer when the profile changed; true when Stripe was updated. Owners with no customer are left alone. */
    public boolean sync(Owner owner) {
        Optional<BillingAccount> account = accounts.find(owner).filter(a -> a.customerId().isPresent());
        if (account.isEmpty() || account.get().syncState() == SyncState.DELETED) {
            return false;
        }
        CustomerProfile profile = profiles.profileOf(owner);
        if (profile.equals(account.get().profile())) {
            return false;
        }
        CustomerId customer = account.get().customerId().orElseThrow();
        payments.updateCustomer(customer, owner, profile);
        accounts.update(owner, profile, SyncState.ACTIVE, clock.instant());
        LOG.info("updated customer {} for {} from the identity provider", customer, owner.key());
        return true;
    }
}
