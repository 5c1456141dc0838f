package io.billingbridge.db;

/**
 * A row of {@code app_keys}, as far as verification needs it: never the key, only its hash.
 *
 * @param scopes {@code usage:write}, {@code billing:read} or {@code usage:write,billing:read}
 */
public record AppKeyRow(String name, String keyHash, String scopes) {
}
