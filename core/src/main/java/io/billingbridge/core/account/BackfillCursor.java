package io.billingbridge.core.account;

import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.owner.OwnerType;
import java.util.Objects;

/**
 * How far an interrupted backfill got: the owner type being walked, how many owners of that type are done (in the
 * identity provider's oldest-first order), the last owner done, and the counts so far.
 *
 * @param stage the owner type being walked (users come first, then organizations)
 * @param position how many owners of {@code stage} are done
 * @param last the last owner done, to check on resume that the directory's order did not shift
 * @param users counts for users so far
 * @param organizations counts for organizations so far
 */
public record BackfillCursor(OwnerType stage, int position, Owner last, BackfillCustomers.Counts users,
        BackfillCustomers.Counts organizations) {
    public BackfillCursor {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(users, "users");
        Objects.requireNonNull(organizations, "organizations");
        if (position < 1) {
            throw new IllegalArgumentException("a cursor is taken after at least one owner");
        }
        if (last.type() != stage) {
            throw new IllegalArgumentException("the last owner done is of the stage's type");
        }
    }
}
