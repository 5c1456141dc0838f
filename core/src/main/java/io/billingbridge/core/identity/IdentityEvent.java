package io.billingbridge.core.identity;

import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.UserId;
import java.util.Objects;
import java.util.Optional;

/** A verified change in the identity provider that billing may react to; {@link #eventId()} deduplicates. */
public sealed interface IdentityEvent {

    /** The delivery's unique id (Svix's {@code svix-id}). */
    String eventId();

    /** The provider's event type, e.g. {@code user.updated}. */
    String type();

    /** A user was created ({@code created} true) or updated. */
    record UserChanged(String eventId, String type, boolean created, UserProfile user) implements IdentityEvent {
        public UserChanged {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(user, "user");
        }
    }

    /** A user was deleted; only the id is known. */
    record UserDeleted(String eventId, String type, UserId userId) implements IdentityEvent {
        public UserDeleted {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(userId, "userId");
        }
    }

    /** An organization was created ({@code created} true) or updated. */
    record OrganizationChanged(String eventId, String type, boolean created, OrganizationProfile organization)
            implements IdentityEvent {
        public OrganizationChanged {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(organization, "organization");
        }
    }

    /** An organization was deleted; the provider may omit its id. */
    record OrganizationDeleted(String eventId, String type, Optional<OrganizationId> organizationId)
            implements IdentityEvent {
        public OrganizationDeleted {
            Objects.requireNonNull(eventId, "eventId");
        }
    }

    /** A membership was created, updated or deleted ({@code removed} true). */
    record MembershipChanged(String eventId, String type, boolean removed, Membership membership)
            implements IdentityEvent {
        public MembershipChanged {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(membership, "membership");
        }
    }

    /** A verified event of a type billing does not handle. */
    record Ignored(String eventId, String type) implements IdentityEvent {
        public Ignored {
            Objects.requireNonNull(eventId, "eventId");
        }
    }
}
