package io.billingbridge.core.account;

import java.util.Optional;

/** Keeps the cursor of an unfinished backfill, so a run after an interruption continues where it stopped. */
public interface BackfillCursors {

    /** The cursor left by an unfinished run, if any. */
    Optional<BackfillCursor> find();

    /** Records how far the running backfill got, replacing the previous cursor. */
    void save(BackfillCursor cursor);

    /** Forgets the cursor: the backfill completed, or an operator starts over. */
    void clear();
}
