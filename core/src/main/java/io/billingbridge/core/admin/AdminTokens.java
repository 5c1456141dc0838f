package io.billingbridge.core.admin;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Issues, verifies and revokes the bearer tokens of the admin API; stores only each token's hash.
 *
 * <p>Implementations build tokens and hashes with {@link AdminTokenFormat}.
 */
public interface AdminTokens {

    /**
     * Creates a token under a new name with these scopes and returns it in plain text: the only time it can be seen.
     *
     * @param scopes {@code read}, or {@code read} and {@code write}
     * @throws io.billingbridge.core.error.InvalidRequest if the name is not 1-64 of {@code A-Z a-z 0-9 . _ -}, or
     *     the scopes are neither {@code read} nor {@code read,write}
     * @throws io.billingbridge.core.error.Conflict if a token with this name exists (even revoked)
     */
    String create(String name, Set<AdminScope> scopes);

    /** Every token, revoked ones too, oldest first: names, scopes and times, never a token or a hash. */
    List<AdminTokenInfo> list();

    /** The holder of this token, when it is a known, unrevoked admin token; records its use. */
    Optional<AdminIdentity> verify(String token);

    /**
     * Revokes the named token; it is refused from then on.
     *
     * @throws io.billingbridge.core.error.NotFound if no unrevoked token has this name
     */
    void revoke(String name);
}
