package io.billingbridge.core.webhook;

import io.billingbridge.core.identity.IdentityEvent;
import io.billingbridge.core.owner.Owner;
import java.util.Optional;

/** The owner an identity event concerns, written as an owner key. */
final class IdentitySubjects {
    private IdentitySubjects() {
    }

    static Optional<String> subjectOf(IdentityEvent event) {
        if (event instanceof IdentityEvent.UserChanged e) {
            return Optional.of(new Owner.User(e.user().id()).key());
        }
        if (event instanceof IdentityEvent.UserDeleted e) {
            return Optional.of(new Owner.User(e.userId()).key());
        }
        if (event instanceof IdentityEvent.OrganizationChanged e) {
            return Optional.of(new Owner.Organization(e.organization().id()).key());
        }
        if (event instanceof IdentityEvent.OrganizationDeleted e) {
            return e.organizationId().map(id -> new Owner.Organization(id).key());
        }
        if (event instanceof IdentityEvent.MembershipChanged e) {
            return Optional.of(new Owner.Organization(e.membership().organizationId()).key());
        }
        return Optional.empty();
    }
}
