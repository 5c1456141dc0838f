package io.billingbridge.core.appkey;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Issues, verifies and revokes the application keys of the server-to-server API; stores only each key's hash.
 *
 * <p>Implementations build keys and hashes with {@link AppKeyFormat}.
 */
public interface AppKeys {

    /**
     * Creates a key under a new name with these scopes and returns it in plain text: the only time it can be seen.
     *
     * @throws io.billingbridge.core.error.InvalidRequest if the name is not 1-64 of {@code A-Z a-z 0-9 . _ -}, or
     *     the scopes are empty
     * @throws io.billingbridge.core.error.Conflict if a key with this name exists (even revoked)
     */
    String create(String name, Set<AppKeyScope> scopes);

    /** Every key, revoked ones too, oldest first: names, scopes and times, never a key or a hash. */
    List<AppKeyInfo> list();

    /**
     * The holder of this key, when it is a known, unrevoked application key; records its use, at most once a
     * minute per key so that a busy backend does not write on every call.
     */
    Optional<AppKeyIdentity> verify(String key);

    /**
     * Revokes the named key; it is refused from then on.
     *
     * @throws io.billingbridge.core.error.NotFound if no unrevoked key has this name
     */
    void revoke(String name);
}
