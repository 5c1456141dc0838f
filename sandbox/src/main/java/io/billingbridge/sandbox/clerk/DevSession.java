package io.billingbridge.sandbox.clerk;

import java.util.Optional;

/** A signed-in session of the dev instance: who, for which organization, and the {@code azp} its tokens carry. */
record DevSession(String id, String userId, Optional<String> organizationId, Optional<String> authorizedParty) {
}
