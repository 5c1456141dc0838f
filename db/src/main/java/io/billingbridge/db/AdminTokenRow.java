package io.billingbridge.db;

/** A row of {@code admin_tokens}, as far as verification needs it: never the token, only its hash. */
public record AdminTokenRow(String name, String tokenHash) {
}
