package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.usage.AcceptedUsage;
import io.billingbridge.core.usage.ForwardUsage;
import io.billingbridge.core.usage.Meter;
import io.billingbridge.core.usage.MeterDirectory;
import io.billingbridge.core.usage.MeterEvent;
import io.billingbridge.core.usage.MeterEvents;
import io.billingbridge.core.usage.MeterId;
import io.billingbridge.core.usage.SendOutcome;
import io.billingbridge.core.usage.UsageEvent;
import io.billingbridge.core.usage.UsageIdentifier;
import io.billingbridge.core.usage.UsageSignals;
import io.billingbridge.core.usage.UsageState;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiBillingAccounts;
import io.billingbridge.db.JdbiUsageOutbox;
import io.billingbridge.db.testing.TestDatabases;
import io.billingbridge.server.system.SystemUnderTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The usage forwarding loop runs when woken, without waiting for its period. */
class UsageForwardingLoopTest {
    private static final Owner OWNER = Owner.user("user_loop");
    private static final CustomerId CUSTOMER = new CustomerId("cus_loop");

    private final Jdbi jdbi = Databases.jdbi(TestDatabases.freshMigrated());
    private final JdbiUsageOutbox outbox = new JdbiUsageOutbox(jdbi);
    private final List<String> sent = new CopyOnWriteArrayList<>();

    private final MeterEvents stripe = new MeterEvents() {
        @Override
        public List<Meter> activeMeters() {
            return List.of(new Meter(new MeterId("mtr_loop"), "API calls", "api_calls", "stripe_customer_id", "value"));
        }

        @Override
        public Set<MeterId> meteredMeters(CustomerId customer) {
            return Set.of(new MeterId("mtr_loop"));
        }

        @Override
        public SendOutcome send(MeterEvent event) {
            sent.add(event.identifier().value());
            return new SendOutcome.Sent();
        }
    };

    private DrainLoop loop(Duration every) {
        JdbiBillingAccounts accounts = new JdbiBillingAccounts(jdbi);
        accounts.reserve(OWNER, Instant.now());
        accounts.link(OWNER, CUSTOMER, CustomerProfile.empty(), Instant.now());
        DrainLoop loop = new DrainLoop("usage-forwarding", "the usage outbox", every);
        ForwardUsage forward = new ForwardUsage(outbox, stripe, new MeterDirectory(stripe, Clock.systemUTC()),
                accounts, (owner, event, identifier, value, code, at) -> { }, UsageSignals.NONE, Clock.systemUTC());
        loop.attach(forward::drain);
        return loop;
    }

    private void store(String identifier) {
        outbox.store(List.of(new AcceptedUsage(new UsageEvent(OWNER, "api_calls", 1, new UsageIdentifier(identifier),
                Optional.empty()), Optional.of(CUSTOMER), UsageState.PENDING, Instant.now(), Instant.now())));
    }

    @Test
    void aWakeSendsStoredUsageAtOnceAndManyWakesSendEachEventOnce() throws Exception {
        DrainLoop loop = loop(Duration.ofMinutes(1));
        loop.start();
        try {
            store("a");
            for (int i = 0; i < 50; i++) {
                loop.wake();
            }
            SystemUnderTest.await("the woken loop to send", Duration.ofSeconds(10), () -> sent.contains("a"));
            store("b");
            loop.wake();
            SystemUnderTest.await("the second wake to send", Duration.ofSeconds(10), () -> sent.contains("b"));
            assertThat(sent).containsExactly("a", "b");
        } finally {
            loop.stop();
        }
    }
}
