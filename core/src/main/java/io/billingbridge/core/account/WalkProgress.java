package io.billingbridge.core.account;

import java.util.OptionalLong;

/**
 * Told how far a long walk over owners, accounts or customers has got, so an operator can watch it.
 *
 * <p>Called from the walking thread only.
 */
public interface WalkProgress {

    /** Progress that nobody watches. */
    WalkProgress NONE = new WalkProgress() {
        @Override
        public void stage(String name, OptionalLong total) {
        }

        @Override
        public void advance(long done) {
        }

        @Override
        public void finish() {
        }
    };

    /** A new stage of the walk begins (ending the previous one), with its number of items when known. */
    void stage(String name, OptionalLong total);

    /** {@code done} more items of the current stage are done. */
    void advance(long done);

    /** The walk ended, complete or not. */
    void finish();
}
