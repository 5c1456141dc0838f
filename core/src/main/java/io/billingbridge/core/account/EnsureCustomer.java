package io.billingbridge.core.account;

import io.billingbridge.core.error.BillingException;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.error.ProviderUnavailable;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.IdempotencyKey;
import io.billingbridge.core.payment.PaymentProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure an owner has its one Stripe customer, creating it on first need.
 *
 * <p>Three guards keep it to one, even across server instances and crashes: the owner's row is reserved and a
 * {@link CreationClaim} taken in it before anything is created; a customer left behind by a crash is found by its
 * owner metadata; and the create call carries an idempotency key derived from the owner and its customer generation.
 *
 * <p>The claim is a lease in the row, not a lock on a connection: no database connection is held while Clerk and
 * Stripe are called, so a slow Stripe cannot drain the pool. Other callers for the owner wait holding nothing (one
 * thread per owner and process polls the row) and are told to retry ({@link ProviderUnavailable}) if the creation
 * outlasts {@link CreationLease#maxWait()}; a claim left by a crashed holder lapses and is taken over.
 *
 * <p>A customer deleted in Stripe (or missing there) is released, once Stripe confirms it is gone: the owner's
 * generation goes up, so the next customer is created under a new key and Stripe cannot replay the dead one.
 */
public final class EnsureCustomer {
    private static final Logger LOG = LoggerFactory.getLogger(EnsureCustomer.class);

    /** What a caller that waited in vain for another holder's creation is told to wait before retrying. */
    static final Duration BUSY_RETRY_AFTER = Duration.ofSeconds(5);
    /** The first and the longest pause between looks at the owner's row while another holder creates. */
    private static final Duration FIRST_POLL = Duration.ofMillis(50);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(1);

    private final BillingAccounts accounts;
    private final PaymentProvider payments;
    private final CustomerProfiles profiles;
    private final Clock clock;
    private final CreationLease lease;
    private final OwnerGate gate = new OwnerGate();

    /** With the {@link CreationLease#DEFAULT} lease. */
    public EnsureCustomer(BillingAccounts accounts, PaymentProvider payments, CustomerProfiles profiles, Clock clock) {
        this(accounts, payments, profiles, clock, CreationLease.DEFAULT);
    }

    public EnsureCustomer(BillingAccounts accounts, PaymentProvider payments, CustomerProfiles profiles, Clock clock,
            CreationLease lease) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lease = Objects.requireNonNull(lease, "lease");
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

    /**
     * The owner's account with its customer, created or recovered if needed, and which of the three happened.
     *
     * @throws ProviderUnavailable when another caller's creation for this owner did not finish within
     *     {@link CreationLease#maxWait()} (or a call to Stripe or Clerk failed)
     */
    public Ensured ensureReporting(Owner owner) {
        Optional<BillingAccount> existing = linked(owner);
        if (existing.isPresent()) {
            return new Ensured(existing.get(), Outcome.EXISTING);
        }
        long deadline = System.nanoTime() + lease.maxWait().toNanos();
        return gate.pass(owner.key(), lease.maxWait(), () -> claimOrWait(owner, deadline))
                .orElseThrow(() -> busy(owner));
    }

    private Ensured claimOrWait(Owner owner, long deadline) {
        Duration pause = FIRST_POLL;
        while (true) {
            BillingAccount account = accounts.find(owner).orElseGet(() -> accounts.reserve(owner, clock.instant()));
            if (account.customerId().isPresent()) {
                return new Ensured(account, Outcome.EXISTING);
            }
            Optional<CreationClaim> claim = accounts.claimCreation(owner, clock.instant(), lease.length());
            if (claim.isPresent()) {
                return create(claim.get());
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw busy(owner);
            }
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(left, pause.toNanos()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw busy(owner);
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST_POLL) < 0 ? pause.multipliedBy(2) : LONGEST_POLL;
        }
    }

    private Ensured create(CreationClaim claim) {
        Owner owner = claim.owner();
        try {
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
                customer = payments.createCustomer(owner, profile, idempotencyKey(owner, claim.generation()));
                outcome = Outcome.CREATED;
                LOG.info("created customer {} for {}", customer, owner.key());
            }
            return link(claim, customer, profile, outcome);
        } catch (RuntimeException e) {
            try {
                accounts.abandon(claim);
            } catch (RuntimeException abandoning) {
                e.addSuppressed(abandoning);
            }
            throw e;
        }
    }

    /**
     * Links the owner to {@code customer}, a live customer whose metadata names the owner, when the owner has no
     * customer: under a {@link CreationClaim}, as a customer left behind by a crash is recovered, so it never races
     * a creation; the customer's name, email and metadata are set from the owner's profile.
     *
     * @return the account now linked to {@code customer}, or empty when the owner has a customer already, or
     *     another caller holds the claim (is creating one)
     * @throws io.billingbridge.core.error.OwnerNotFound when the identity provider does not know the owner (nothing
     *     is written then)
     */
    public Optional<BillingAccount> adopt(Owner owner, CustomerId customer) {
        Objects.requireNonNull(customer, "customer");
        if (linked(owner).isPresent()) {
            return Optional.empty();
        }
        CustomerProfile profile = profiles.profileOf(owner);
        if (accounts.find(owner).isEmpty()) {
            accounts.reserve(owner, clock.instant());
        }
        Optional<CreationClaim> claim = accounts.claimCreation(owner, clock.instant(), lease.length());
        if (claim.isEmpty()) {
            return Optional.empty();
        }
        try {
            payments.updateCustomer(customer, owner, profile);
            BillingAccount account = link(claim.get(), customer, profile, Outcome.RECOVERED).account();
            LOG.info("adopted customer {} for {}", customer, owner.key());
            return account.customerId().filter(customer::equals).map(linkedTo -> account);
        } catch (RuntimeException e) {
            try {
                accounts.abandon(claim.get());
            } catch (RuntimeException abandoning) {
                e.addSuppressed(abandoning);
            }
            throw e;
        }
    }

    /** Links the customer; if the owner was linked meanwhile (an admin relink, a holder that took over), keeps that. */
    private Ensured link(CreationClaim claim, CustomerId customer, CustomerProfile profile, Outcome outcome) {
        try {
            return new Ensured(accounts.linkClaimed(claim, customer, profile, clock.instant()), outcome);
        } catch (Conflict e) {
            Optional<BillingAccount> meanwhile = linked(claim.owner());
            if (meanwhile.isEmpty()) {
                throw e;
            }
            LOG.warn("customer {} was not linked to {}: the owner was linked to {} meanwhile", customer,
                    claim.owner().key(), meanwhile.get().customerId().orElseThrow());
            return new Ensured(meanwhile.get(), Outcome.EXISTING);
        }
    }

    private Optional<BillingAccount> linked(Owner owner) {
        return accounts.find(owner).filter(a -> a.customerId().isPresent());
    }

    private static ProviderUnavailable busy(Owner owner) {
        LOG.info("gave up waiting for the customer of {} being created by another request", owner.key());
        return new ProviderUnavailable("stripe", null, BUSY_RETRY_AFTER, null);
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
        boolean linked = accounts.find(owner).flatMap(BillingAccount::customerId).filter(customer::equals).isPresent();
        if (!linked || payments.customerMetadata(customer).isPresent()) {
            return false;
        }
        boolean released = accounts.release(owner, customer, clock.instant());
        if (released) {
            LOG.warn("released customer {} of {}: Stripe says it was deleted or does not exist; the next"
                    + " checkout creates a new customer", customer, owner.key());
        }
        return released;
    }
}
