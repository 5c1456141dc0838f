package io.billingbridge.core.admin;

import java.util.Objects;

/**
 * The holder of a verified admin token, known by the token's name.
 *
 * @param name the name the token was created with, e.g. {@code support-alice}
 */
public record AdminIdentity(String name) {

    public AdminIdentity {
        AdminTokenFormat.requireValidName(name);
    }

    /** The actor written to the audit log: {@code admin:<token name>}. */
    public String actor() {
        return "admin:" + Objects.requireNonNull(name, "name");
    }
}
