package io.billingbridge.db;

/**
 * A row of {@code admin_tokens}, as far as verification needs it: never the token, only its hash.
 *
 * @param scopes {@code read} or {@code read,write}
 */
public record AdminTokenRow(String name, String tokenHash, String scopes) {
}
