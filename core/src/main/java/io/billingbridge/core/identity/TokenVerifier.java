package io.billingbridge.core.identity;

import io.billingbridge.core.access.Principal;

/** Verifies a session token and reads the caller from it. */
public interface TokenVerifier {

    /**
     * The verified caller.
     *
     * @throws io.billingbridge.core.error.Unauthenticated when the token is missing, malformed, forged,
     *     expired or otherwise unacceptable; the message never contains the token
     */
    Principal verify(String token);
}
