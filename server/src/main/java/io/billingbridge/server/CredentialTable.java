package io.billingbridge.server;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The listing of {@code admin-token list} and {@code app-key list}: one aligned line per credential with its name,
 * scopes and times, never a secret.
 */
final class CredentialTable {
    private final List<String[]> rows = new ArrayList<>();

    CredentialTable() {
        rows.add(new String[] {"NAME", "SCOPES", "CREATED", "LAST USED", "REVOKED"});
    }

    /** Adds a credential; times are shown to the second, {@code never} and {@code -} when absent. */
    CredentialTable add(String name, String scopes, Instant createdAt, Optional<Instant> lastUsedAt,
            Optional<Instant> revokedAt) {
        rows.add(new String[] {name, scopes, time(createdAt), lastUsedAt.map(CredentialTable::time).orElse("never"),
            revokedAt.map(CredentialTable::time).orElse("-")});
        return this;
    }

    /** Prints the header and the rows in aligned columns. */
    void print(PrintStream out) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
