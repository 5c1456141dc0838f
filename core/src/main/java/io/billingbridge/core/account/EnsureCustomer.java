package io.billingbridge.core.account;

import io.billingbridge.core.error.BillingException;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.PaymentProvider;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure an owner has its one Stripe customer, creating it on first need.
 *
 * <p>Three guards keep it to one, even across server instances and crashes: the owner's row is reserved and
 * locked before anything is created; a customer left behind by a crash is found by its owner metadata; and
 * the create call carries an idempotency key derived from the owner and its customer generation.
 *
 * <p>A customer deleted in Stripe (or missing there) is released, once Stripe confirms it is gone: the owner's
 * generation goes up, so the next customer is created under a new key and Stripe cannot replay the dead one.
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

    /**
     * The idempotency key for creating this owner's customer of this generation: the same on every instance and
     * every retry, and a new one after each release (generation 0 keeps the key used before releases existed).
     */
    public static IdempotencyKey idempotencyKey(Owner owner, int generation) {
        String key = "billing-bridge-customer-" + owner.type().wireName() + "-" + owner.id();
        return new IdempotencyKey(generation == 0 ? key : key + "-g" + generation);
    }

    /** How {@link #ensureReporting} came by the owner's customer. */
    public enum Outcome {
        /** The owner already had its customer. */
        EXISTING,
        /** A new customer was created in Stripe now. */
        CREATED,
        /** A customer found in Stripe by its owner metadata, left behind by a crash before it was recorded. */
        RECOVERED
    }

    /**
     * The owner's account with its customer and how that customer was come by.
     *
     * @param account the account, linked to its customer
     * @param outcome whether the customer existed, was created or was recovered
     */
    public record Ensured(BillingAccount account, Outcome outcome) {
        public Ensured {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(outcome, "outcome");
            if (account.customerId().isEmpty()) {
                throw new IllegalArgumentException("an ensured account has its customer");
            }
        }
    }

    /** The owner's account with its customer, created if needed. */
    public BillingAccount ensure(Owner owner) {
        return ensureReporting(owner).account();
    }

    /** The owner's account with its customer, created or recovered if needed, and which of the three happened. */
    public Ensured ensureReporting(Owner owner) {
        Optional<BillingAccount> existing = accounts.find(owner).filter(a -> a.customerId().isPresent());
        if (existing.isPresent()) {
            return new Ensured(existing.get(), Outcome.EXISTING);
        }
        accounts.reserve(owner, clock.instant());
        return accounts.whileLocked(owner, () -> {
            BillingAccount account = accounts.find(owner).orElseThrow(
                    () -> new Conflict("account_missing", "the owner's billing account disappeared"));
            if (account.customerId().isPresent()) {
                return new Ensured(account, Outcome.EXISTING);
            }
            CustomerProfile profile = profiles.profileOf(owner);
            Optional<CustomerId> orphan = payments.findCustomer(owner);
            CustomerId customer;
            Outcome outcome;
            if (orphan.isPresent()) {
                customer = orphan.get();
                outcome = Outcome.RECOVERED;
                LOG.info("recovered customer {} for {} (created before a crash)", customer, owner.key());
                payments.updateCustomer(customer, owner, profile);
            } else {
                customer = payments.createCustomer(owner, profile,
                        idempotencyKey(owner, account.customerGeneration()));
                outcome = Outcome.CREATED;
                LOG.info("created customer {} for {}", customer, owner.key());
            }
            return new Ensured(accounts.link(owner, customer, profile, clock.instant()), outcome);
        });
    }

    /**
     * Runs {@code call} with the owner's customer; when it fails because Stripe no longer has that customer, the
     * customer is released and {@code call} runs once more with a new one.
     *
     * <p>One retry only: a second failure is the caller's, and the release already makes the next attempt work.
     */
    public <T> T withCustomer(Owner owner, Function<CustomerId, T> call) {
        CustomerId customer = ensure(owner).customerId().orElseThrow();
        try {
            return call.apply(customer);
        } catch (InvalidRequest | NotFound e) {
            if (!namesMissingCustomer(e) || !releaseIfGone(owner, customer)) {
                throw e;
            }
        }
        return call.apply(ensure(owner).customerId().orElseThrow());
    }

    private static boolean namesMissingCustomer(BillingException e) {
        if (e instanceof InvalidRequest invalid) {
            return "resource_missing".equals(invalid.code()) && invalid.param().filter("customer"::equals).isPresent();
        }
        return true;
    }

    /**
     * Releases the owner's link to {@code customer} when Stripe confirms the customer was deleted or does not
     * exist, so the owner's next checkout creates a new customer; the stored snapshot goes with it.
     *
     * @return true when the customer was released now; false when Stripe still has it or it was already released
     */
    public boolean releaseIfGone(Owner owner, CustomerId customer) {
        return accounts.whileLocked(owner, () -> {
            boolean linked = accounts.find(owner).flatMap(BillingAccount::customerId).filter(customer::equals)
                    .isPresent();
            if (!linked || payments.customerMetadata(customer).isPresent()) {
                return false;
            }
            boolean released = accounts.release(owner, customer, clock.instant());
            if (released) {
                LOG.warn("released customer {} of {}: Stripe says it was deleted or does not exist; the next"
                        + " checkout creates a new customer", customer, owner.key());
            }
            return released;
        });
    }
}
