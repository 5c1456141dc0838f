package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingbridge.core.events.EventId;
import io.billingbridge.core.events.PendingDelivery;
import io.billingbridge.core.events.PlanSummary;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.AccessState.State;
import io.billingbridge.db.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class JdbiEventOutboxTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    private static final Duration CLAIM = Duration.ofMinutes(2);
    private static final String A = "https://a.app.test/events";
    private static final String B = "https://b.app.test/events";
    private static final PlanSummary ACTIVE = new PlanSummary(Optional.of("Team"), State.ACTIVE, List.of("teams"));
    private static final PlanSummary GRACE = new PlanSummary(Optional.of("Team"), State.GRACE, List.of("teams"));
    private static final PlanSummary NONE = new PlanSummary(Optional.empty(), State.NONE, List.of());

    private final Jdbi jdbi = Databases.jdbi(TestDatabases.freshMigrated());
    private final JdbiEventOutbox outbox = new JdbiEventOutbox(jdbi);

    private EventId record(String user, PlanSummary summary, Instant at, String... endpoints) {
        return outbox.recordBillingUpdate(Owner.user(user), summary, List.of(endpoints), EventId.random(), at)
                .orElseThrow();
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void recordsOneRowPerEndpointWithThePreviousAndNewPlanLevelSummary() throws Exception {
        EventId first = record("user_1", ACTIVE, T0, A, B);
        EventId second = record("user_1", GRACE, T0.plusSeconds(5), A);

        List<PendingDelivery> toA = outbox.claimDue(A, T0.plusSeconds(10), CLAIM, 10);
        List<PendingDelivery> toB = outbox.claimDue(B, T0.plusSeconds(10), CLAIM, 10);
        assertThat(toA).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(first);
            assertThat(d.ownerKey()).isEqualTo("user:user_1");
            assertThat(d.attempts()).isZero();
            assertThat(d.retriesFrom()).isEqualTo(T0);
            assertThat(json(d.body())).isEqualTo(json("{\"type\":\"billing.updated\",\"timestamp\":\"" + T0 + "\","
                    + "\"data\":{\"owner\":{\"type\":\"user\",\"id\":\"user_1\"},\"previous\":null,"
                    + "\"new\":{\"plan\":\"Team\",\"state\":\"active\",\"entitlements\":[\"teams\"]}}}"));
        });
        assertThat(toB).singleElement().satisfies(d -> assertThat(d.id()).isEqualTo(first));
        outbox.markDelivered(first, A, T0.plusSeconds(11));
        assertThat(outbox.claimDue(A, T0.plusSeconds(12), CLAIM, 10)).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(second);
            assertThat(json(d.body()).at("/data/previous")).isEqualTo(json(
                    "{\"plan\":\"Team\",\"state\":\"active\",\"entitlements\":[\"teams\"]}"));
            assertThat(json(d.body()).at("/data/new/state").asText()).isEqualTo("grace");
            assertThat(json(d.body()).at("/data").size()).as("owner, previous, new and nothing else").isEqualTo(3);
        });
    }

    @Test
    void anUnchangedSummaryRecordsNothingAndAnOwnerWithoutPlanIsNull() throws Exception {
        record("user_1", NONE, T0, A);

        assertThat(outbox.recordBillingUpdate(Owner.user("user_1"), NONE, List.of(A), EventId.random(),
                T0.plusSeconds(1))).isEmpty();
        assertThat(outbox.claimDue(A, T0.plusSeconds(2), CLAIM, 10)).singleElement()
                .satisfies(d -> assertThat(json(d.body()).at("/data/new/plan").isNull()).isTrue());
    }

    @Test
    void claimsOnlyTheEarliestUndoneEventOfEachOwnerOldestFirst() {
        EventId u1a = record("user_1", ACTIVE, T0, A);
        EventId u2 = record("user_2", ACTIVE, T0.plusSeconds(1), A);
        EventId u1b = record("user_1", GRACE, T0.plusSeconds(2), A);

        assertThat(outbox.claimDue(A, T0.plusSeconds(3), CLAIM, 10)).extracting(PendingDelivery::id)
                .containsExactly(u1a, u2);
        outbox.markFailed(u1a, A, T0.plusSeconds(60), "500");
        outbox.markDelivered(u2, A, T0.plusSeconds(4));
        assertThat(outbox.claimDue(A, T0.plusSeconds(5), CLAIM, 10)).as("u1b waits behind the failed u1a").isEmpty();
        assertThat(outbox.claimDue(A, T0.plusSeconds(60), CLAIM, 10)).extracting(PendingDelivery::id)
                .containsExactly(u1a);
        outbox.markGivenUp(u1a, A, T0.plusSeconds(61), "timeout");
        assertThat(outbox.claimDue(A, T0.plusSeconds(62), CLAIM, 10)).singleElement()
                .satisfies(d -> assertThat(d.id()).isEqualTo(u1b));
    }

    @Test
    void aClaimedDeliveryIsNotDueAgainUntilItsClaimLapsesAndKeepsItsAttempts() {
        EventId id = record("user_1", ACTIVE, T0, A);
        assertThat(outbox.claimDue(A, T0, CLAIM, 10)).hasSize(1);

        assertThat(outbox.claimDue(A, T0.plus(CLAIM).minusMillis(1), CLAIM, 10)).isEmpty();
        outbox.markFailed(id, A, T0.plusSeconds(1), "x".repeat(100));
        assertThat(outbox.claimDue(A, T0.plusSeconds(1), CLAIM, 10)).singleElement()
                .satisfies(d -> assertThat(d.attempts()).isEqualTo(1));
        assertThat(outbox.claimDue(A, T0.plus(CLAIM).plusSeconds(1), CLAIM, 10)).as("claim lapsed: comes back")
                .singleElement().satisfies(d -> assertThat(d.id()).isEqualTo(id));
        String lastError = jdbi.withHandle(h -> h.createQuery("SELECT last_error FROM event_outbox")
                .mapTo(String.class).one());
        assertThat(lastError).hasSize(64);
    }

    @Test
    void concurrentClaimsNeverTakeTheSameDelivery() throws Exception {
        for (int i = 0; i < 200; i++) {
            record("user_" + i, ACTIVE, T0, A);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<PendingDelivery>>> claims = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                claims.add(pool.submit(() -> {
                    List<PendingDelivery> mine = new ArrayList<>();
                    for (List<PendingDelivery> batch = outbox.claimDue(A, T0, CLAIM, 7); !batch.isEmpty();
                            batch = outbox.claimDue(A, T0, CLAIM, 7)) {
                        mine.addAll(batch);
                    }
                    return mine;
                }));
            }
            List<EventId> all = new ArrayList<>();
            for (Future<List<PendingDelivery>> claim : claims) {
                claim.get().forEach(d -> all.add(d.id()));
            }
            assertThat(all).hasSize(200).doesNotHaveDuplicates();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentRecordsForOneOwnerChainPreviousToNewInOrder() throws Exception {
        List<PlanSummary> states = List.of(ACTIVE, GRACE, NONE);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> writes = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                PlanSummary summary = states.get(i % 3);
                writes.add(pool.submit(() -> outbox.recordBillingUpdate(Owner.user("user_1"), summary, List.of(A),
                        EventId.random(), T0)));
            }
            for (Future<?> write : writes) {
                write.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> bodies = jdbi.withHandle(h -> h.createQuery(
                "SELECT payload::text FROM event_outbox ORDER BY seq").mapTo(String.class).list());
        assertThat(bodies).isNotEmpty();
        JsonNode told = JSON.nullNode();
        for (String body : bodies) {
            JsonNode data = json(body).get("data");
            assertThat(data.get("previous")).isEqualTo(told);
            assertThat(data.get("new")).isNotEqualTo(told);
            told = data.get("new");
        }
    }

    @Test
    void oneHolderAtATimeHoldsAnEndpointUntilItReleasesOrItsLeaseRunsOut() {
        Duration lease = Duration.ofSeconds(60);

        assertThat(outbox.leaseEndpoint(A, "one", lease)).isTrue();
        assertThat(outbox.leaseEndpoint(A, "two", lease)).isFalse();
        assertThat(outbox.leaseEndpoint(B, "two", lease)).as("another endpoint").isTrue();
        assertThat(outbox.leaseEndpoint(A, "one", lease)).as("renewed").isTrue();
        outbox.releaseEndpoint(A, "two");
        assertThat(outbox.leaseEndpoint(A, "two", lease)).as("not released by another").isFalse();
        outbox.releaseEndpoint(A, "one");
        assertThat(outbox.leaseEndpoint(A, "two", lease)).isTrue();
    }

    @Test
    void leasesAreTimedByTheDatabaseClockNotTheCallersClock() {
        assertThat(outbox.leaseEndpoint(A, "one", Duration.ofSeconds(60))).isTrue();
        Instant heldUntil = jdbi.withHandle(h -> h.createQuery(
                "SELECT held_until FROM event_endpoint_leases WHERE endpoint = :e").bind("e", A)
                .mapTo(java.time.OffsetDateTime.class).one()).toInstant();
        Instant dbNow = jdbi.withHandle(h -> h.createQuery("SELECT now()").mapTo(java.time.OffsetDateTime.class).one())
                .toInstant();
        assertThat(Duration.between(dbNow, heldUntil)).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));

        jdbi.useHandle(h -> h.execute("UPDATE event_endpoint_leases SET held_until = now() - interval '1 second'"));
        assertThat(outbox.leaseEndpoint(A, "two", Duration.ofSeconds(60))).as("lapsed by the database's clock")
                .isTrue();
        assertThat(outbox.leaseEndpoint(A, "one", Duration.ofSeconds(60))).isFalse();
    }

    @Test
    void concurrentLeasesOfOneEndpointGoToOneHolder() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> takes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String holder = "holder-" + i;
                takes.add(pool.submit(() -> outbox.leaseEndpoint(A, holder, Duration.ofSeconds(60))));
            }
            int winners = 0;
            for (Future<Boolean> take : takes) {
                winners += take.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
