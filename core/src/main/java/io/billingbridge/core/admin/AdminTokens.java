package io.billingbridge.core.admin;

import java.util.Optional;

/**
 * Issues, verifies and revokes the bearer tokens of the admin API; stores only each token's hash.
 *
 * <p>Implementations build tokens and hashes with {@link AdminTokenFormat}.
 */
public interface AdminTokens {

    /**
     * Creates a token under a new name and returns it in plain text: the only time it can be seen.
     *
     * @throws io.billingbridge.core.error.InvalidRequest if the name is not 1-64 of {@code A-Z a-z 0-9 . _ -}
     * @throws io.billingbridge.core.error.Conflict if a token with this name exists (even revoked)
     */
    String create(String name);

    /** The holder of this token, when it is a known, unrevoked admin token; records its use. */
    Optional<AdminIdentity> verify(String token);

    /**
     * Revokes the named token; it is refused from then on.
     *
     * @throws io.billingbridge.core.error.NotFound if no unrevoked token has this name
     */
    void revoke(String name);
}
