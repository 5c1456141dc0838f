package io.billingbridge.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.usage.AcceptedUsage;
import io.billingbridge.core.usage.ClaimedUsage;
import io.billingbridge.core.usage.UsageBacklog;
import io.billingbridge.core.usage.UsageEvent;
import io.billingbridge.core.usage.UsageIdentifier;
import io.billingbridge.core.usage.UsageState;
import io.billingbridge.core.usage.WaitingUsage;
import io.billingbridge.db.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

class JdbiUsageOutboxTest {
    private static final Instant T0 = Instant.parse("2026-11-29T08:00:00Z");
    private static final Duration CLAIM = Duration.ofMinutes(2);
    private static final Owner ALICE = Owner.user("user_alice");
    private static final Owner ACME = Owner.organization("org_acme");
    private static final CustomerId CUS = new CustomerId("cus_alice");

    private final Jdbi jdbi = Databases.jdbi(TestDatabases.freshMigrated());
    private final JdbiUsageOutbox outbox = new JdbiUsageOutbox(jdbi);

    private static AcceptedUsage pending(String identifier, long value) {
        return new AcceptedUsage(new UsageEvent(ALICE, "api_calls", value, new UsageIdentifier(identifier),
                Optional.empty()), Optional.of(CUS), UsageState.PENDING, T0.minusSeconds(30), T0);
    }

    private static AcceptedUsage waiting(Owner owner, String identifier) {
        return new AcceptedUsage(new UsageEvent(owner, "api_calls", 2, new UsageIdentifier(identifier),
                Optional.empty()), Optional.empty(), UsageState.WAITING, T0, T0);
    }

    private String stateOf(String identifier) {
        return jdbi.withHandle(h -> h.createQuery("SELECT state || ':' || attempts || ':' || coalesce(last_error, '-')"
                + " FROM usage_events WHERE identifier = :id").bind("id", identifier).mapTo(String.class).one());
    }

    @Test
    void storesEventsOnceByIdentifierAndTheFirstOneWins() {
        assertThat(outbox.store(List.of(pending("a", 1), pending("b", 2), pending("a", 3)))).isEqualTo(2);
        assertThat(outbox.store(List.of(pending("b", 9), pending("c", 4)))).isEqualTo(1);

        List<ClaimedUsage> due = outbox.claimDue(T0, CLAIM, 10);
        assertThat(due).extracting(c -> c.identifier().value()).containsExactly("a", "b", "c");
        assertThat(due).extracting(ClaimedUsage::value).containsExactly(1L, 2L, 4L);
        assertThat(due.get(0)).isEqualTo(new ClaimedUsage(new UsageIdentifier("a"), ALICE, CUS, "api_calls", 1,
                T0.minusSeconds(30), 0));
    }

    @Test
    void aClaimedEventIsNotDueAgainUntilItsClaimLapses() {
        outbox.store(List.of(pending("a", 1)));

        assertThat(outbox.claimDue(T0, CLAIM, 10)).hasSize(1);
        assertThat(outbox.claimDue(T0.plus(CLAIM).minusMillis(1), CLAIM, 10)).isEmpty();
        assertThat(outbox.claimDue(T0.plus(CLAIM), CLAIM, 10)).hasSize(1);
    }

    @Test
    void concurrentClaimsNeverTakeTheSameEvent() throws Exception {
        List<AcceptedUsage> many = IntStream.range(0, 400).mapToObj(i -> pending("e" + i, 1)).toList();
        for (int i = 0; i < many.size(); i += 100) {
            outbox.store(many.subList(i, i + 100));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> claims = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                claims.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    List<ClaimedUsage> batch;
                    while (!(batch = outbox.claimDue(T0, CLAIM, 7)).isEmpty()) {
                        batch.forEach(c -> mine.add(c.identifier().value()));
                    }
                    return mine;
                }));
            }
            Set<String> all = new HashSet<>();
            int total = 0;
            for (Future<List<String>> claim : claims) {
                List<String> mine = claim.get();
                total += mine.size();
                all.addAll(mine);
            }
            assertThat(total).isEqualTo(400);
            assertThat(all).hasSize(400);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void recordsSentRetriedAndRejectedEventsWithTheirAttemptsAndCodes() {
        outbox.store(List.of(pending("a", 1), pending("b", 1), pending("c", 1)));
        outbox.claimDue(T0, CLAIM, 10);

        outbox.markSent(List.of(new UsageIdentifier("a")), T0);
        outbox.markRetry(List.of(new UsageIdentifier("b")), T0.plusSeconds(4), "server_error");
        outbox.markRejected(new UsageIdentifier("c"), T0, "resource_missing");

        assertThat(stateOf("a")).isEqualTo("sent:1:-");
        assertThat(stateOf("b")).isEqualTo("pending:1:server_error");
        assertThat(stateOf("c")).isEqualTo("rejected:1:resource_missing");
        assertThat(outbox.claimDue(T0.plusSeconds(3), CLAIM, 10)).isEmpty();
        assertThat(outbox.claimDue(T0.plusSeconds(4), CLAIM, 10)).singleElement()
                .satisfies(c -> assertThat(c.attempts()).isEqualTo(1));
        assertThat(outbox.backlog()).isEqualTo(new UsageBacklog(1, 0));
    }

    @Test
    void waitingEventsAreCheckedByOwnerAndEventNameAndReleasedWithTheCustomer() {
        outbox.store(List.of(waiting(ACME, "w1"), waiting(ACME, "w2"), waiting(ALICE, "w3")));

        assertThat(outbox.dueWaiting(T0, 10)).containsExactlyInAnyOrder(new WaitingUsage(ACME, "api_calls"),
                new WaitingUsage(ALICE, "api_calls"));
        assertThat(outbox.claimDue(T0, CLAIM, 10)).isEmpty();
        outbox.postpone(new WaitingUsage(ALICE, "api_calls"), T0.plusSeconds(30));
        assertThat(outbox.dueWaiting(T0.plusSeconds(29), 10)).containsExactly(new WaitingUsage(ACME, "api_calls"));

        assertThat(outbox.release(new WaitingUsage(ACME, "api_calls"), new CustomerId("cus_acme"),
                T0.plusSeconds(29))).isEqualTo(2);
        assertThat(outbox.claimDue(T0.plusSeconds(29), CLAIM, 10)).extracting(ClaimedUsage::customer)
                .containsOnly(new CustomerId("cus_acme")).hasSize(2);
        assertThat(outbox.backlog()).isEqualTo(new UsageBacklog(2, 1));
    }
}
