package io.billingbridge.db;

/**
 * An account read by a walk of the account search in owner order.
 *
 * @param walked false for a match; true for the last account the walk read (a match or not), after which the
 *     search continues
 */
public record WalkedAccountRow(String ownerId, boolean walked) {
}
