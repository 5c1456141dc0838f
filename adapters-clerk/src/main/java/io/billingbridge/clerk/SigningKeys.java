package io.billingbridge.clerk;

import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/** Where the verifier gets the RSA public key for a token's {@code kid}. */
interface SigningKeys {

    /**
     * The key to verify a token with this {@code kid}.
     *
     * @throws TokenRejected with {@link TokenCheck#KEY} when no key matches
     * @throws io.billingbridge.core.error.ProviderUnavailable when no key set could ever be loaded
     */
    RSAPublicKey keyFor(Optional<String> kid) throws TokenRejected;
}
