package io.billingbridge.core.admin;

import java.util.Objects;
import java.util.Set;

/**
 * The holder of a verified admin token, known by the token's name, with what the token may do.
 *
 * @param name the name the token was created with, e.g. {@code support-alice}
 * @param scopes {@code read}, or {@code read} and {@code write}
 */
public record AdminIdentity(String name, Set<AdminScope> scopes) {

    public AdminIdentity {
        AdminTokenFormat.requireValidName(name);
        scopes = AdminScope.requireValid(scopes);
    }

    /** The actor written to the audit log: {@code admin:<token name>}. */
    public String actor() {
        return "admin:" + Objects.requireNonNull(name, "name");
    }

    /** Whether the token grants this scope. */
    public boolean may(AdminScope scope) {
        return scopes.contains(scope);
    }
}
