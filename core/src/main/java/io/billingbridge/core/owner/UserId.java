package io.billingbridge.core.owner;

import java.util.Objects;
import java.util.regex.Pattern;

/** A Clerk user id such as {@code user_2abc}. */
public record UserId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_\\-]{1,128}");

    public UserId {
        Objects.requireNonNull(value, "user id");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("user id must be 1-128 letters, digits, '_' or '-'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
