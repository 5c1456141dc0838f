package io.billingbridge.db;

/** A row of {@code command_cursors}. */
public record CommandCursorRow(String stage, int position, String lastOwnerId, int usersCreated,
        int usersRecovered, int usersExisting, int usersFailed, int orgsCreated, int orgsRecovered, int orgsExisting,
        int orgsFailed) {
}
