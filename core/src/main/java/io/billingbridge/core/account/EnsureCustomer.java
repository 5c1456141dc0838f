package io.billingbridge.core.account;

import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.PaymentProvider;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure an owner has its one Stripe customer, creating it on first need.
 *
 * <p>Three guards keep it to one, even across server instances and crashes: the owner's row is reserved and
 * locked before anything is created; a customer left behind by a crash is found by its owner metadata; and
 * the create call carries an idempotency key derived from the owner.
 */
public final class EnsureCustomer {
    private static final Logger LOG = LoggerFactory.getLogger(EnsureCustomer.class);

    private final BillingAccounts accounts;
    private final PaymentProvider payments;
    private final CustomerProfiles profiles;
    private final Clock clock;

    public EnsureCustomer(BillingAccounts accounts, PaymentProvider payments, CustomerProfiles profiles, Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The idempotency key for creating this owner's customer: the same on every instance and every retry. */
    public static IdempotencyKey idempotencyKey(Owner owner) {
        return new IdempotencyKey("billing-bridge-customer-" + owner.type().wireName() + "-" + owner.id());
    }

    /** The owner's account with its customer, created if needed. */
    public BillingAccount ensure(Owner owner) {
        Optional<BillingAccount> existing = accounts.find(owner).filter(a -> a.customerId().isPresent());
        if (existing.isPresent()) {
            return existing.get();
        }
        accounts.reserve(owner, clock.instant());
        return accounts.whileLocked(owner, () -> {
            BillingAccount account = accounts.find(owner).orElseThrow(
                    () -> new Conflict("account_missing", "the owner's billing account disappeared"));
            if (account.customerId().isPresent()) {
                return account;
            }
            CustomerProfile profile = profiles.profileOf(owner);
            Optional<CustomerId> orphan = payments.findCustomer(owner);
            CustomerId customer;
            if (orphan.isPresent()) {
                customer = orphan.get();
                LOG.info("recovered customer {} for {} (created before a crash)", customer, owner.key());
                payments.updateCustomer(customer, owner, profile);
            } else {
                customer = payments.createCustomer(owner, profile, idempotencyKey(owner));
                LOG.info("created customer {} for {}", customer, owner.key());
            }
            return accounts.link(owner, customer, profile, clock.instant());
        });
    }
}
