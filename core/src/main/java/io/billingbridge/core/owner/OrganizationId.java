package io.billingbridge.core.owner;

import java.util.Objects;
import java.util.regex.Pattern;

/** A Clerk organization id such as {@code org_2abc}. */
public record OrganizationId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_\\-]{1,128}");

    public OrganizationId {
        Objects.requireNonNull(value, "organization id");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("organization id must be 1-128 letters, digits, '_' or '-'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
