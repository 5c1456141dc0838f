package io.billingbridge.core.owner;

import java.util.Objects;

/** Whoever a Stripe customer belongs to: a Clerk user or a Clerk organization. */
public sealed interface Owner permits Owner.User, Owner.Organization {

    /** The owner's kind. */
    OwnerType type();

    /** The Clerk id of the user or organization. */
    String id();

    /** A user who pays for themself. */
    record User(UserId userId) implements Owner {
        public User {
            Objects.requireNonNull(userId, "userId");
        }

        @Override
        public OwnerType type() {
            return OwnerType.USER;
        }

        @Override
        public String id() {
            return userId.value();
        }
    }

    /** An organization whose admins pay for it. */
    record Organization(OrganizationId organizationId) implements Owner {
        public Organization {
            Objects.requireNonNull(organizationId, "organizationId");
        }

        @Override
        public OwnerType type() {
            return OwnerType.ORGANIZATION;
        }

        @Override
        public String id() {
            return organizationId.value();
        }
    }

    static Owner user(String id) {
        return new User(new UserId(id));
    }

    static Owner organization(String id) {
        return new Organization(new OrganizationId(id));
    }

    /** Rebuilds an owner from its type and id, as stored. */
    static Owner of(OwnerType type, String id) {
        return switch (type) {
            case USER -> user(id);
            case ORGANIZATION -> organization(id);
        };
    }

    /**
     * Parses a {@link #key()}.
     *
     * @throws IllegalArgumentException when the text is not an owner key
     */
    static Owner fromKey(String key) {
        int colon = key.indexOf(':');
        OwnerType type = OwnerType.fromWireName(colon < 0 ? "" : key.substring(0, colon))
                .orElseThrow(() -> new IllegalArgumentException("not an owner key"));
        return of(type, key.substring(colon + 1));
    }

    /** A stable text form such as {@code user:user_2abc}, safe to log. */
    default String key() {
        return type().wireName() + ":" + id();
    }
}
