package io.billingbridge.core.appkey;

import java.util.Objects;
import java.util.Set;

/**
 * The application backend holding a verified key, known by the key's name, with what the key may do.
 *
 * @param name the name the key was created with, e.g. {@code orders-service}
 * @param scopes one or both of {@code usage:write} and {@code billing:read}
 */
public record AppKeyIdentity(String name, Set<AppKeyScope> scopes) {

    public AppKeyIdentity {
        AppKeyFormat.requireValidName(name);
        scopes = AppKeyScope.requireValid(scopes);
    }

    /** The actor written to the audit log: {@code app:<key name>}. */
    public String actor() {
        return "app:" + Objects.requireNonNull(name, "name");
    }

    /** Whether the key grants at least one of these scopes. */
    public boolean mayAnyOf(Set<AppKeyScope> accepted) {
        return accepted.stream().anyMatch(scopes::contains);
    }
}
