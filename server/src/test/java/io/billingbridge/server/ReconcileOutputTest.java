package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.Drift;
import io.billingbridge.core.snapshot.ReconcileAccounts;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconcileOutputTest {
    private static final CustomerId A = new CustomerId("cus_A1");
    private static final CustomerId B = new CustomerId("cus_B2");

    private static ReconcileAccounts.Report report(boolean fix, Drift... drift) {
        return new ReconcileAccounts.Report(List.of(drift), 12, 3, 2, fix);
    }

    @Test
    void jsonHasTheDocumentedShapeWithNullForNoLinkedCustomer() {
        String json = ReconcileOutput.json(report(false,
                new Drift(Drift.Kind.ORPHAN_CUSTOMER, Owner.user("user_1"), List.of(A), Optional.empty(), List.of(),
                        Drift.Resolution.FIXABLE, "links it"),
                new Drift(Drift.Kind.DUPLICATE_CUSTOMERS, Owner.organization("org_1"), List.of(A, B), Optional.of(A),
                        List.of(B), Drift.Resolution.LEFT_FOR_PERSON, "a person decides")));

        assertThat(json).isEqualTo("{\"fix\":false,\"customersScanned\":12,\"ownedCustomers\":3,\"accountsChecked\":2,"
                + "\"counts\":{\"missingMapping\":0,\"orphanCustomer\":1,\"duplicateCustomers\":1,\"deadMapping\":0,"
                + "\"staleSnapshot\":0},\"drift\":["
                + "{\"kind\":\"orphan_customer\",\"ownerType\":\"user\",\"ownerId\":\"user_1\",\"customers\":[\"cus_A1\"],"
                + "\"linkedCustomer\":null,\"liveSubscriptions\":[],\"resolution\":\"fixable\",\"note\":\"links it\"},"
                + "{\"kind\":\"duplicate_customers\",\"ownerType\":\"organization\",\"ownerId\":\"org_1\","
                + "\"customers\":[\"cus_A1\",\"cus_B2\"],\"linkedCustomer\":\"cus_A1\",\"liveSubscriptions\":[\"cus_B2\"],"
                + "\"resolution\":\"left_for_person\",\"note\":\"a person decides\"}]}");
    }

    @Test
    void theTableAlignsItsColumnsAndMarksTheLinkedAndSubscribedDuplicates() {
        String table = ReconcileOutput.table(report(true,
                new Drift(Drift.Kind.DUPLICATE_CUSTOMERS, Owner.organization("org_1"), List.of(A, B), Optional.of(A),
                        List.of(B), Drift.Resolution.LEFT_FOR_PERSON, "a person decides"),
                new Drift(Drift.Kind.DEAD_MAPPING, Owner.user("user_1"), List.of(B), Optional.of(B), List.of(),
                        Drift.Resolution.FIXED, "released")));

        assertThat(table).isEqualTo("""
                scanned 12 Stripe customer(s) (3 name an owner) and 2 account(s)
                KIND                 OWNER               CUSTOMERS        RESOLUTION       NOTE
                duplicate_customers  organization:org_1  cus_A1*,cus_B2$  left_for_person  a person decides
                dead_mapping         user:user_1         cus_B2           fixed            released
                0 missing mapping(s), 0 orphan customer(s), 1 duplicate(s), 1 dead mapping(s), 0 stale snapshot(s)
                fixed 1, left for a person 1, skipped 0, failed 0
                """);
    }

    @Test
    void noDriftSaysSo() {
        assertThat(ReconcileOutput.table(report(false))).endsWith("account(s)\nno drift\n");
    }
}
