package io.billingbridge.core.testing;

import io.billingbridge.core.account.BackfillCursor;
import io.billingbridge.core.account.BackfillCursors;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** A backfill cursor kept in memory. */
public final class InMemoryBackfillCursors implements BackfillCursors {
    private final AtomicReference<BackfillCursor> cursor = new AtomicReference<>();

    @Override
    public Optional<BackfillCursor> find() {
        return Optional.ofNullable(cursor.get());
    }

    @Override
    public void save(BackfillCursor next) {
        cursor.set(next);
    }

    @Override
    public void clear() {
        cursor.set(null);
    }
}
