package io.billingbridge.server.system;

import static io.billingbridge.server.system.OperatorCommandLine.run;
import static io.billingbridge.server.system.OperatorCommandLine.sandboxConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.param.CustomerCreateParams;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.server.system.OperatorCommandLine.Output;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backfill} and {@code reconcile} run as an operator runs them, against the emulators and a seeded drift. */
class OperatorCommandsSystemTest {
    private static final List<String> USERS = List.of(ClerkDevInstance.ALICE, ClerkDevInstance.BOB,
            ClerkDevInstance.CAROL, ClerkDevInstance.DAVE);
    private static final List<String> ORGANIZATIONS = List.of(ClerkDevInstance.ACME, ClerkDevInstance.GLOBEX);

    private SystemUnderTest system;
    private Path config;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws Exception {
        system = SystemUnderTest.start(1);
        config = sandboxConfig(system, dir);
    }

    @AfterEach
    void stop() {
        system.close();
    }

    @Test
    void aDryRunCreatesNothingAndAnInterruptedBackfillResumesWhereItStopped() throws Exception {
        long requestsBefore = system.sandbox().stripe().apiRequestCount();
        Output dry = run("backfill", "--dry-run", config.toString());
        assertThat(dry.error()).as(dry.stderr()).isEmpty();
        assertThat(dry.stdout()).contains("dry run: nothing was created or stored")
                .contains("users: 4 would get a customer, 0 already have one")
                .contains("organizations: 2 would get a customer, 0 already have one");
        for (String user : USERS) {
            assertThat(dry.stdout()).contains("would create: user:" + user);
        }
        assertThat(system.sandbox().stripe().apiRequestCount()).as("no Stripe call at all").isEqualTo(requestsBefore);
        assertThat(system.count("SELECT count(*) FROM billing_accounts")).isZero();
        assertThat(system.count("SELECT count(*) FROM command_cursors")).isZero();

        Output first = run("backfill", "--limit", "3", config.toString());
        assertThat(first.error()).as(first.stderr()).isEmpty();
        assertThat(first.stdout()).contains("users: 3 customer(s) created, 0 recovered after a crash, 0 already had one,"
                + " 0 failed").contains("stopped after 3 owner(s): run backfill again");
        assertThat(system.count("SELECT count(*) FROM command_cursors WHERE run_kind = 'backfill' AND position = 3"))
                .isEqualTo(1);
        assertThat(system.count("SELECT count(*) FROM billing_accounts WHERE customer_id IS NOT NULL")).isEqualTo(3);

        Output resumed = run("backfill", config.toString());
        assertThat(resumed.error()).as(resumed.stderr()).isEmpty();
        assertThat(resumed.stdout()).containsPattern("resuming the interrupted backfill after user:user_\\w+ \\(3 users"
                        + " done; --restart starts over\\)")
                .contains("users: 4 customer(s) created, 0 recovered after a crash, 0 already had one, 0 failed")
                .contains("organizations: 2 customer(s) created, 0 recovered after a crash, 0 already had one, 0 failed")
                .doesNotContain("stopped after");
        assertThat(resumed.stderr()).as("progress, plain lines without a terminal").doesNotContain("\r")
                .containsPattern("(?m)^users: 1 done in \\d+s").containsPattern("(?m)^organizations: 2 done in \\d+s");
        assertThat(system.count("SELECT count(*) FROM command_cursors")).as("cleared on completion").isZero();
        for (String user : USERS) {
            assertThat(SystemFixtures.customersOf(system, "user", user)).as(user).hasSize(1);
            assertThat(linked("user", user)).as(user).isEqualTo(1);
        }
        for (String organization : ORGANIZATIONS) {
            assertThat(SystemFixtures.customersOf(system, "organization", organization)).as(organization).hasSize(1);
            assertThat(linked("organization", organization)).as(organization).isEqualTo(1);
        }

        Output again = run("backfill", config.toString());
        assertThat(again.stdout()).doesNotContain("resuming")
                .contains("users: 0 customer(s) created, 0 recovered after a crash, 4 already had one, 0 failed");
    }

    @Test
    void reconcileReportsTheSeededDriftAndFixRepairsAllButTheDuplicate() throws Exception {
        assertThat(run("backfill", config.toString()).error()).isEmpty();
        settle();
        // The server syncs a new customer when its customer.created event arrives after backfill linked it. On a
        // loaded machine the event can be processed before the link commits; it is then done as "not one of ours"
        // and the snapshot waits for the owner's first read, or for reconcile, which reports it never synced.
        Output baseline = run("reconcile", config.toString());
        if (!baseline.stdout().contains("no drift")) {
            assertThat(baseline.stdout().lines().filter(line -> line.contains("user:") || line.contains("organization:")))
                    .as(baseline.stdout()).allSatisfy(line -> assertThat(line).startsWith("stale_snapshot")
                            .contains("never synced"));
            assertThat(run("reconcile", "--fix", config.toString()).error()).isEmpty();
            settle();
        }
        assertThat(run("reconcile", config.toString()).stdout()).as("every new customer synced").contains("no drift");

        SystemFixtures.buyAndSync(system, ClerkDevInstance.ALICE, Optional.of(ClerkDevInstance.ACME), "organization",
                "team_monthly");
        String acme = customerOf("organization", ClerkDevInstance.ACME);
        String acmeSecond = ownedCustomer("organization", ClerkDevInstance.ACME);
        String erin = system.newUser("user_erin", "Erin");
        String erinsOrphan = ownedCustomer("user", erin);
        String frank = system.newUser("user_frank", "Frank");
        system.execute("INSERT INTO billing_accounts (owner_type, owner_id, sync_state, created_at, updated_at)"
                + " VALUES ('user', '" + frank + "', 'pending', now(), now())");
        String franksOrphan = ownedCustomer("user", frank);
        String carols = customerOf("user", ClerkDevInstance.CAROL);
        SystemFixtures.stripe(system).v1().customers().delete(carols);
        SystemUnderTest.await("the customer.deleted event releases Carol's customer", Duration.ofSeconds(20),
                () -> linked("user", ClerkDevInstance.CAROL) == 0);
        system.execute("UPDATE billing_accounts SET customer_id = '" + carols + "', sync_state = 'active'"
                + " WHERE owner_type = 'user' AND owner_id = '" + ClerkDevInstance.CAROL + "'");
        settle();
        String bobs = customerOf("user", ClerkDevInstance.BOB);
        system.execute("UPDATE customer_snapshots SET dirty = true WHERE customer_id = '" + bobs + "'");

        Output table = run("reconcile", config.toString());
        assertThat(table.error()).as(table.stderr()).isEmpty();
        assertThat(table.stderr()).containsPattern("(?m)^Stripe customers: 8 done in \\d+s")
                .containsPattern("(?m)^accounts: 6 done in \\d+s");
        List<String> rows = table.stdout().lines().toList();
        assertThat(rows).filteredOn(line -> line.contains("user:") || line.contains("organization:"))
                .hasSize(5)
                .anySatisfy(line -> assertThat(line).startsWith("missing_mapping").contains("user:user_frank")
                        .contains(franksOrphan).contains("fixable"))
                .anySatisfy(line -> assertThat(line).startsWith("orphan_customer").contains("user:user_erin")
                        .contains(erinsOrphan).contains("fixable"))
                .anySatisfy(line -> assertThat(line).startsWith("duplicate_customers")
                        .contains("organization:org_acme").contains(acme + "*$").contains(acmeSecond)
                        .contains("left_for_person"))
                .anySatisfy(line -> assertThat(line).startsWith("dead_mapping").contains("user:user_carol")
                        .contains(carols).contains("fixable"))
                .anySatisfy(line -> assertThat(line).startsWith("stale_snapshot").contains("user:user_bob")
                        .contains(bobs).contains("fixable"));
        assertThat(table.stdout()).contains("1 missing mapping(s), 1 orphan customer(s), 1 duplicate(s), "
                + "1 dead mapping(s), 1 stale snapshot(s)").contains("4 fixable with --fix, 1 left for a person");

        Output json = run("reconcile", "--json", config.toString());
        assertThat(json.error()).as(json.stderr()).isEmpty();
        JsonNode report = jsonLine(json);
        assertThat(report.get("fix").asBoolean()).isFalse();
        assertThat(report.get("accountsChecked").asInt()).isEqualTo(6);
        assertThat(report.get("ownedCustomers").asInt()).isEqualTo(8);
        assertThat(report.get("counts").toString()).isEqualTo("{\"missingMapping\":1,\"orphanCustomer\":1,"
                + "\"duplicateCustomers\":1,\"deadMapping\":1,\"staleSnapshot\":1}");
        assertThat(kinds(report)).containsExactly("missing_mapping user:user_frank fixable",
                "orphan_customer user:user_erin fixable", "duplicate_customers organization:org_acme left_for_person",
                "dead_mapping user:user_carol fixable", "stale_snapshot user:user_bob fixable");
        JsonNode duplicate = report.get("drift").get(2);
        assertThat(texts(duplicate.get("customers"))).containsExactlyInAnyOrder(acme, acmeSecond);
        assertThat(duplicate.get("linkedCustomer").asText()).isEqualTo(acme);
        assertThat(texts(duplicate.get("liveSubscriptions"))).containsExactly(acme);
        assertThat(report.get("drift").get(3).get("customers").get(0).asText()).isEqualTo(carols);

        Output fixed = run("reconcile", "--fix", "--json", config.toString());
        assertThat(fixed.error()).as(fixed.stderr()).isEmpty();
        assertThat(kinds(jsonLine(fixed))).containsExactly(
                "missing_mapping user:user_frank fixed", "orphan_customer user:user_erin fixed",
                "duplicate_customers organization:org_acme left_for_person", "dead_mapping user:user_carol fixed",
                "stale_snapshot user:user_bob fixed");
        assertThat(customerOf("user", frank)).isEqualTo(franksOrphan);
        assertThat(customerOf("user", erin)).isEqualTo(erinsOrphan);
        assertThat(linked("user", ClerkDevInstance.CAROL)).isZero();
        // The fix's own Stripe writes (an orphan's metadata, say) send events that mark snapshots out of date until
        // the worker re-syncs them: wait for those, then nothing may be left out of date.
        settle();
        assertThat(system.count("SELECT count(*) FROM customer_snapshots WHERE dirty")).isZero();
        assertThat(system.count("SELECT count(*) FROM customer_snapshots WHERE customer_id IN ('" + erinsOrphan
                + "', '" + franksOrphan + "')")).isEqualTo(2);
        assertThat(customerOf("organization", ClerkDevInstance.ACME)).isEqualTo(acme);
        assertThat(SystemFixtures.customersOf(system, "organization", ClerkDevInstance.ACME)).hasSize(2);

        Output after = run("reconcile", config.toString());
        assertThat(after.error()).as(after.stderr()).isEmpty();
        assertThat(after.stdout().lines().filter(line -> line.contains(":user_") || line.contains(":org_")))
                .singleElement().satisfies(line -> assertThat(line).startsWith("duplicate_customers")
                        .contains("left_for_person").contains("1 with a live subscription"));
    }

    /**
     * Waits until the server handled every Stripe event the emulator sent: the server re-syncs (and while doing so
     * marks out of date) the snapshots of customers with events, which a report taken meanwhile would show as stale.
     */
    private void settle() {
        SystemFixtures.settle(system);
    }

    /**
     * The report of {@code --json}: one line of standard output. The server of this test runs in the same JVM and
     * logs to the same standard output (as a command's own log lines do, unless the configuration sends them to
     * standard error), so the report is the one line that is a JSON object.
     */
    private static JsonNode jsonLine(Output output) throws Exception {
        List<String> reports = output.stdout().lines().filter(line -> line.startsWith("{\"fix\":")).toList();
        assertThat(reports).as(output.stdout()).hasSize(1);
        return SystemUnderTest.JSON.readTree(reports.get(0));
    }

    private static List<String> kinds(JsonNode report) {
        List<String> kinds = new ArrayList<>();
        for (JsonNode drift : report.get("drift")) {
            kinds.add(drift.get("kind").asText() + " " + drift.get("ownerType").asText() + ":"
                    + drift.get("ownerId").asText() + " " + drift.get("resolution").asText());
        }
        return kinds;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }

    private long linked(String ownerType, String ownerId) {
        return system.count("SELECT count(*) FROM billing_accounts WHERE owner_type = '" + ownerType
                + "' AND owner_id = '" + ownerId + "' AND customer_id IS NOT NULL");
    }

    private String customerOf(String ownerType, String ownerId) {
        try (var c = system.database().getConnection(); var s = c.createStatement();
                var r = s.executeQuery("SELECT customer_id FROM billing_accounts WHERE owner_type = '" + ownerType
                        + "' AND owner_id = '" + ownerId + "'")) {
            assertThat(r.next()).as(ownerId + " has an account").isTrue();
            return r.getString(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A customer made in Stripe directly, with the owner's metadata, as a crash or another tool leaves one. */
    private String ownedCustomer(String ownerType, String ownerId) throws StripeException {
        Customer customer = SystemFixtures.stripe(system).v1().customers().create(CustomerCreateParams.builder()
                .putMetadata("clerk_owner_type", ownerType).putMetadata("clerk_owner_id", ownerId).build());
        return customer.getId();
    }
}
