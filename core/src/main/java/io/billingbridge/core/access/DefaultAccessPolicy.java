package io.billingbridge.core.access;

import io.billingbridge.core.owner.Owner;
import java.util.Objects;

/**
 * The default policy: a user acts for themself only; an organization only when it is the session's
 * active organization and the caller's role or permissions are granted the action.
 */
public final class DefaultAccessPolicy implements AccessPolicy {
    private final AccessRules rules;

    public DefaultAccessPolicy(AccessRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    @Override
    public boolean permits(Principal principal, Action action, Owner owner) {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        if (owner instanceof Owner.User user) {
            return user.userId().equals(principal.userId());
        }
        if (owner instanceof Owner.Organization org) {
            return principal.actsFor(org.organizationId()) && rules.grantFor(action).grants(principal);
        }
        return false;
    }
}
