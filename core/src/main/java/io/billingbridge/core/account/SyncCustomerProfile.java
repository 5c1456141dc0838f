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
        write(account.get(), profile);
        return true;
    }

    /**
     * Re-reads the owner's profile and writes it to the customer and the account even when it looks unchanged, for
     * support when Stripe was edited by hand; no database connection is held while Stripe or the directory is called.
     *
     * @param account the owner's account; it has a customer and is not deleted
     * @return the account with the profile stored
     */
    public BillingAccount push(BillingAccount account) {
        if (account.customerId().isEmpty() || account.syncState() == SyncState.DELETED) {
            throw new IllegalArgumentException("only an account with a live customer has a profile to push");
        }
        return write(account, profiles.profileOf(account.owner()));
    }

    private BillingAccount write(BillingAccount account, CustomerProfile profile) {
        Owner owner = account.owner();
        CustomerId customer = account.customerId().orElseThrow();
        payments.updateCustomer(customer, owner, profile);
        BillingAccount updated = accounts.update(owner, profile, SyncState.ACTIVE, clock.instant());
        LOG.info("updated customer {} for {} from the identity provider", customer, owner.key());
        return updated;
    }
}
