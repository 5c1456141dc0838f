package io.billingbridge.core.account;

import io.billingbridge.core.error.BillingException;
import io.billingbridge.core.identity.IdentityDirectory;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every user and organization the identity provider knows its Stripe customer, for adopting Billing
 * Bridge on an existing user base.
 *
 * <p>Idempotent: owners that have a customer are counted and skipped, and {@link EnsureCustomer} never creates a
 * second one. One owner's failure is counted and logged, and the walk goes on.
 *
 * <p>Resumable: after each owner a {@link BackfillCursor} is stored, so a run stopped by a crash, an outage of the
 * identity provider or a {@code limit} continues after the last owner done; a completed run clears it. The identity
 * provider lists owners oldest first, so owners created meanwhile come at the end; when owners were deleted meanwhile
 * (the owner at the cursor's position is no longer the cursor's), that owner type is walked again from its start,
 * where owners that already have a customer cost no provider call.
 */
public final class BackfillCustomers {
    private static final Logger LOG = LoggerFactory.getLogger(BackfillCustomers.class);
    private static final int PAGE = 100;

    private final IdentityDirectory directory;
    private final BillingAccounts accounts;
    private final EnsureCustomer ensureCustomer;
    private final BackfillCursors cursors;

    public BackfillCustomers(IdentityDirectory directory, BillingAccounts accounts, EnsureCustomer ensureCustomer,
            BackfillCursors cursors) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.ensureCustomer = Objects.requireNonNull(ensureCustomer, "ensureCustomer");
        this.cursors = Objects.requireNonNull(cursors, "cursors");
    }

    /**
     * What one backfill did for one owner type.
     *
     * @param created owners that got a new customer now (in a dry run: owners that would get one)
     * @param recovered owners whose customer was found in Stripe by its metadata, left behind by a crash before it
     *     was recorded, and is now linked
     * @param existing owners that already had one
     * @param failed owners whose customer could not be created (see the log)
     */
    public record Counts(int created, int recovered, int existing, int failed) {
        /** Nothing counted yet. */
        public static final Counts ZERO = new Counts(0, 0, 0, 0);

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
     * How to run a backfill.
     *
     * @param dryRun walk and count without creating anything, reading no cursor and storing none
     * @param restart ignore the cursor of an interrupted run and start from the first owner
     * @param limit stop (keeping the cursor) after this many owners, for a backfill done in parts
     */
    public record Options(boolean dryRun, boolean restart, OptionalInt limit) {
        /** A whole run that resumes an interrupted one. */
        public static final Options DEFAULTS = new Options(false, false, OptionalInt.empty());

        public Options {
            Objects.requireNonNull(limit, "limit");
            if (limit.isPresent() && limit.getAsInt() < 1) {
                throw new IllegalArgumentException("limit must be at least 1");
            }
        }
    }

    /** Where a run resumed an interrupted one. */
    public sealed interface Resumed {
        /** The run continued after the cursor's last owner. */
        record AfterCursor(BackfillCursor cursor) implements Resumed {
            public AfterCursor {
                Objects.requireNonNull(cursor, "cursor");
            }
        }

        /** The directory's order changed since the interruption, so the cursor's owner type was walked again. */
        record Rewound(BackfillCursor cursor) implements Resumed {
            public Rewound {
                Objects.requireNonNull(cursor, "cursor");
            }
        }
    }

    /**
     * What a backfill did.
     *
     * @param users counts for Clerk users (with those of the interrupted run this one resumed)
     * @param organizations counts for Clerk organizations (likewise)
     * @param resumed how this run took over an interrupted one, if it did
     * @param complete false when the run stopped at its limit, leaving a cursor for the next run
     * @param pending in a dry run, the owners that would get a customer; otherwise empty
     */
    public record Result(Counts users, Counts organizations, Optional<Resumed> resumed, boolean complete,
            List<Owner> pending) {
        public Result {
            Objects.requireNonNull(users, "users");
            Objects.requireNonNull(organizations, "organizations");
            Objects.requireNonNull(resumed, "resumed");
            pending = List.copyOf(pending);
        }
    }

    /** Walks every user, then every organization, and ensures each has its customer, resuming a stopped run. */
    public Result run() {
        return run(Options.DEFAULTS, WalkProgress.NONE);
    }

    /** Walks as {@link #run()} does, as the options say, telling {@code progress} how far it got. */
    public Result run(Options options, WalkProgress progress) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(progress, "progress");
        if (options.restart() && !options.dryRun()) {
            cursors.clear();
        }
        Optional<BackfillCursor> cursor = options.dryRun() || options.restart() ? Optional.empty() : cursors.find();
        Walk walk = new Walk(options, progress, cursor);
        try {
            boolean complete = walk.stage(OwnerType.USER) && walk.stage(OwnerType.ORGANIZATION);
            if (complete && !options.dryRun()) {
                cursors.clear();
            }
            return new Result(walk.users, walk.organizations, walk.resumed, complete, walk.pending);
        } finally {
            progress.finish();
        }
    }

    /** The state of one run. */
    private final class Walk {
        private final Options options;
        private final WalkProgress progress;
        private final Optional<BackfillCursor> cursor;
        private final List<Owner> pending = new ArrayList<>();
        private Optional<Resumed> resumed = Optional.empty();
        private Counts users;
        private Counts organizations;
        private int done;

        Walk(Options options, WalkProgress progress, Optional<BackfillCursor> cursor) {
            this.options = options;
            this.progress = progress;
            this.cursor = cursor;
            this.users = cursor.map(BackfillCursor::users).orElse(Counts.ZERO);
            this.organizations = cursor.map(BackfillCursor::organizations).orElse(Counts.ZERO);
        }

        /** Walks one owner type; false when the limit stopped the walk. */
        boolean stage(OwnerType type) {
            int position = 0;
            if (cursor.isPresent()) {
                BackfillCursor at = cursor.get();
                if (type == OwnerType.USER && at.stage() == OwnerType.ORGANIZATION) {
                    return true;
                }
                if (type == at.stage()) {
                    position = resumePosition(at);
                }
            }
            progress.stage(type == OwnerType.USER ? "users" : "organizations", left(type, position));
            for (int offset = position;; offset += PAGE) {
                List<Owner> owners = page(type, offset, PAGE);
                for (int i = 0; i < owners.size(); i++) {
                    if (options.limit().isPresent() && done == options.limit().getAsInt()) {
                        return false;
                    }
                    Owner owner = owners.get(i);
                    count(type, options.dryRun() ? plan(owner) : ensure(owner));
                    done++;
                    if (!options.dryRun()) {
                        cursors.save(new BackfillCursor(type, offset + i + 1, owner, users, organizations));
                    }
                    progress.advance(1);
                }
                if (owners.size() < PAGE) {
                    return true;
                }
            }
        }

        /** After the cursor when the directory still lists its last owner there; else the type's start. */
        private int resumePosition(BackfillCursor at) {
            List<Owner> previous = page(at.stage(), at.position() - 1, 1);
            if (previous.size() == 1 && previous.get(0).equals(at.last())) {
                resumed = Optional.of(new Resumed.AfterCursor(at));
                LOG.info("backfill: resuming after {} ({} {} done)", at.last().key(), at.position(), at.stage());
                return at.position();
            }
            resumed = Optional.of(new Resumed.Rewound(at));
            LOG.info("backfill: the directory changed since the interruption; walking {} from the start",
                    at.stage());
            if (at.stage() == OwnerType.USER) {
                users = Counts.ZERO;
            } else {
                organizations = Counts.ZERO;
            }
            return 0;
        }

        private void count(OwnerType type, Counts counts) {
            if (type == OwnerType.USER) {
                users = users.plus(counts);
            } else {
                organizations = organizations.plus(counts);
            }
        }

        private Counts plan(Owner owner) {
            if (linked(owner)) {
                return new Counts(0, 0, 1, 0);
            }
            pending.add(owner);
            return new Counts(1, 0, 0, 0);
        }
    }

    /** How many owners of the type are left after {@code position}, if the directory can tell (for progress only). */
    private OptionalLong left(OwnerType type, int position) {
        try {
            long all = type == OwnerType.USER ? directory.userCount() : directory.organizationCount();
            return OptionalLong.of(Math.max(0, all - position));
        } catch (BillingException e) {
            LOG.debug("backfill: no count of {} for the progress: {}", type, e.code());
            return OptionalLong.empty();
        }
    }

    private List<Owner> page(OwnerType type, int offset, int limit) {
        if (type == OwnerType.USER) {
            return directory.users(offset, limit).stream().map(u -> Owner.user(u.id().value())).toList();
        }
        return directory.organizations(offset, limit).stream().map(o -> Owner.organization(o.id().value())).toList();
    }

    private boolean linked(Owner owner) {
        return accounts.find(owner).flatMap(BillingAccount::customerId).isPresent();
    }

    private Counts ensure(Owner owner) {
        if (linked(owner)) {
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
