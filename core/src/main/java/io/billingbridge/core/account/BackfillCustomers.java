package io.billingbridge.core.account;

import io.billingbridge.core.error.BillingException;
import io.billingbridge.core.identity.IdentityDirectory;
import io.billingbridge.core.identity.OrganizationProfile;
import io.billingbridge.core.identity.UserProfile;
import io.billingbridge.core.owner.Owner;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every user and organization the identity provider knows its Stripe customer, for adopting Billing
 * Bridge on an existing user base.
 *
 * <p>Idempotent: owners that have a customer are counted and skipped, and {@link EnsureCustomer} never creates a
 * second one. One owner's failure is counted and logged, and the walk goes on.
 */
public final class BackfillCustomers {
    private static final Logger LOG = LoggerFactory.getLogger(BackfillCustomers.class);
    private static final int PAGE = 100;

    private final IdentityDirectory directory;
    private final BillingAccounts accounts;
    private final EnsureCustomer ensureCustomer;

    public BackfillCustomers(IdentityDirectory directory, BillingAccounts accounts, EnsureCustomer ensureCustomer) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.ensureCustomer = Objects.requireNonNull(ensureCustomer, "ensureCustomer");
    }

    /**
     * What one backfill did for one owner type.
     *
     * @param created owners that got a new customer now
     * @param recovered owners whose customer was found in Stripe by its metadata, left behind by a crash before it
     *     was recorded, and is now linked
     * @param existing owners that already had one
     * @param failed owners whose customer could not be created (see the log)
     */
    public record Counts(int created, int recovered, int existing, int failed) {
        public Counts {
            if (created < 0 || recovered < 0 || existing < 0 || failed < 0) {
                throw new IllegalArgumentException("counts are never negative");
            }
        }

        Counts plus(Counts other) {
            return new Counts(created + other.created, recovered + other.recovered, existing + other.existing,
                    failed + other.failed);
        }
    }

    /**
     * What a backfill did.
     *
     * @param users counts for Clerk users
     * @param organizations counts for Clerk organizations
     */
    public record Result(Counts users, Counts organizations) {
        public Result {
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(organizations, "organizations");
        }
    }

    /** Walks every user, then every organization, and ensures each has its customer. */
    public Result run() {
        Counts users = walk(directory::users, (UserProfile u) -> Owner.user(u.id().value()));
        Counts organizations = walk(directory::organizations,
                (OrganizationProfile o) -> Owner.organization(o.id().value()));
        return new Result(users, organizations);
    }

    private <P> Counts walk(BiFunction<Integer, Integer, List<P>> page, Function<P, Owner> ownerOf) {
        Counts total = new Counts(0, 0, 0, 0);
        for (int offset = 0;; offset += PAGE) {
            List<P> profiles = page.apply(offset, PAGE);
            for (P profile : profiles) {
                total = total.plus(ensure(ownerOf.apply(profile)));
            }
            if (profiles.size() < PAGE) {
                return total;
            }
        }
    }

    private Counts ensure(Owner owner) {
        if (accounts.find(owner).flatMap(BillingAccount::customerId).isPresent()) {
            return new Counts(0, 0, 1, 0);
        }
        try {
            EnsureCustomer.Ensured ensured = ensureCustomer.ensureReporting(owner);
            LOG.info("backfill: {} has customer {} ({})", owner.key(),
                    ensured.account().customerId().map(CustomerId::value).orElse("-"), ensured.outcome());
            return switch (ensured.outcome()) {
                case CREATED -> new Counts(1, 0, 0, 0);
                case RECOVERED -> new Counts(0, 1, 0, 0);
                case EXISTING -> new Counts(0, 0, 1, 0);
            };
        } catch (BillingException e) {
            LOG.warn("backfill: no customer for {}: {}", owner.key(), e.code());
            return new Counts(0, 0, 0, 1);
        }
    }
}
