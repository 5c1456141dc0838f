package io.billingbridge.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.snapshot.Drift;
import io.billingbridge.core.snapshot.ReconcileAccounts;
import java.util.List;
import java.util.Locale;

/** The {@code reconcile} report as a table for a person, or as JSON of a stable shape for a script. */
final class ReconcileOutput {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReconcileOutput() {
    }

    /**
     * The whole report, as {@code reconcile --json} prints it (documented in docs/operations.md).
     *
     * @param fix whether {@code --fix} ran
     * @param customersScanned live Stripe customers read
     * @param ownedCustomers those whose metadata names an owner
     * @param accountsChecked active local accounts compared
     * @param counts drift found, by kind
     * @param drift each drift
     */
    record Report(boolean fix, int customersScanned, int ownedCustomers, int accountsChecked, Counts counts,
            List<Entry> drift) {
    }

    /** How many drifts of each kind. */
    record Counts(long missingMapping, long orphanCustomer, long duplicateCustomers, long deadMapping,
            long staleSnapshot) {
    }

    /** One drift. */
    record Entry(String kind, String ownerType, String ownerId, List<String> customers, String linkedCustomer,
            List<String> liveSubscriptions, String resolution, String note) {
    }

    static String json(ReconcileAccounts.Report report) {
        try {
            return JSON.writeValueAsString(shape(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the reconcile report did not serialize", e);
        }
    }

    static Report shape(ReconcileAccounts.Report report) {
        Counts counts = new Counts(report.count(Drift.Kind.MISSING_MAPPING), report.count(Drift.Kind.ORPHAN_CUSTOMER),
                report.count(Drift.Kind.DUPLICATE_CUSTOMERS), report.count(Drift.Kind.DEAD_MAPPING),
                report.count(Drift.Kind.STALE_SNAPSHOT));
        List<Entry> entries = report.drift().stream().map(d -> new Entry(d.kind().wireName(),
                d.owner().type().wireName(), d.owner().id(), ids(d.customers()),
                d.linked().map(CustomerId::value).orElse(null), ids(d.liveSubscriptions()),
                d.resolution().wireName(), d.note())).toList();
        return new Report(report.fix(), report.customersScanned(), report.ownedCustomers(), report.accountsChecked(),
                counts, entries);
    }

    private static List<String> ids(List<CustomerId> customers) {
        return customers.stream().map(CustomerId::value).toList();
    }

    /** The report as a table, one drift a row, then the counts; {@code no drift} when there is none. */
    static String table(ReconcileAccounts.Report report) {
        StringBuilder out = new StringBuilder();
        out.append("scanned ").append(report.customersScanned()).append(" Stripe customer(s) (")
                .append(report.ownedCustomers()).append(" name an owner) and ").append(report.accountsChecked())
                .append(" account(s)\n");
        if (report.drift().isEmpty()) {
            return out.append("no drift\n").toString();
        }
        List<String[]> rows = new java.util.ArrayList<>();
        rows.add(new String[] {"KIND", "OWNER", "CUSTOMERS", "RESOLUTION", "NOTE"});
        for (Drift drift : report.drift()) {
            rows.add(new String[] {drift.kind().wireName(), drift.owner().key(), customers(drift),
                drift.resolution().wireName(), drift.note()});
        }
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            for (int i = 0; i < widths.length; i++) {
                out.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + 2));
            }
            out.append(row[4]).append('\n');
        }
        Counts counts = shape(report).counts();
        out.append(String.format(Locale.ROOT, "%d missing mapping(s), %d orphan customer(s), %d duplicate(s), "
                + "%d dead mapping(s), %d stale snapshot(s)%n", counts.missingMapping(), counts.orphanCustomer(),
                counts.duplicateCustomers(), counts.deadMapping(), counts.staleSnapshot()));
        if (report.fix()) {
            out.append(String.format(Locale.ROOT, "fixed %d, left for a person %d, skipped %d, failed %d%n",
                    report.count(Drift.Resolution.FIXED), report.count(Drift.Resolution.LEFT_FOR_PERSON),
                    report.count(Drift.Resolution.SKIPPED), report.count(Drift.Resolution.FAILED)));
        } else {
            out.append(String.format(Locale.ROOT, "%d fixable with --fix, %d left for a person%n",
                    report.count(Drift.Resolution.FIXABLE), report.count(Drift.Resolution.LEFT_FOR_PERSON)));
        }
        return out.toString();
    }

    /** The customers, the linked one marked {@code *} and those with a live subscription {@code $}. */
    private static String customers(Drift drift) {
        StringBuilder text = new StringBuilder();
        for (CustomerId customer : drift.customers()) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(customer.value());
            if (drift.kind() == Drift.Kind.DUPLICATE_CUSTOMERS) {
                if (drift.linked().filter(customer::equals).isPresent()) {
                    text.append('*');
                }
                if (drift.liveSubscriptions().contains(customer)) {
                    text.append('$');
                }
            }
        }
        return text.toString();
    }
}
