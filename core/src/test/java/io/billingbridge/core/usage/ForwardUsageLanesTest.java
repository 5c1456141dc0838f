package io.billingbridge.core.usage;

import static io.billingbridge.core.usage.UsageFixture.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.Owner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Usage of several customers goes to Stripe in parallel lanes, each customer's (and meter's) events one at a time. */
class ForwardUsageLanesTest {
    private static final int CUSTOMERS = 4;

    private final UsageFixture world = new UsageFixture();
    private final ExecutorService senders = Executors.newFixedThreadPool(CUSTOMERS);
    private final CountDownLatch everyLaneStarted = new CountDownLatch(CUSTOMERS);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final Map<CustomerId, AtomicInteger> inFlightPerCustomer = new ConcurrentHashMap<>();
    private final Map<CustomerId, AtomicInteger> mostPerCustomer = new ConcurrentHashMap<>();
    private final List<MeterEvent> sentInOrder = new CopyOnWriteArrayList<>();

    /** Stripe as the fake has it, but each lane's first send waits until every lane has started one. */
    private final MeterEvents stripe = new MeterEvents() {
        private final Set<CustomerId> started = ConcurrentHashMap.newKeySet();

        @Override
        public List<Meter> activeMeters() {
            return world.stripe.activeMeters();
        }

        @Override
        public Set<MeterId> meteredMeters(CustomerId customer) {
            return world.stripe.meteredMeters(customer);
        }

        @Override
        public SendOutcome send(MeterEvent event) {
            int now = inFlight.incrementAndGet();
            mostInFlight.accumulateAndGet(now, Math::max);
            int mine = inFlightPerCustomer.computeIfAbsent(event.customer(), c -> new AtomicInteger())
                    .incrementAndGet();
            mostPerCustomer.computeIfAbsent(event.customer(), c -> new AtomicInteger()).accumulateAndGet(mine,
                    Math::max);
            try {
                if (started.add(event.customer())) {
                    everyLaneStarted.countDown();
                    everyLaneStarted.await(5, TimeUnit.SECONDS);
                }
                sentInOrder.add(event);
                return world.stripe.send(event);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inFlightPerCustomer.get(event.customer()).decrementAndGet();
                inFlight.decrementAndGet();
            }
        }
    };

    @AfterEach
    void stopSenders() {
        senders.shutdownNow();
    }

    @Test
    void customersAreSentInParallelEachCustomersEventsOneAtATimeInOrder() {
        List<Owner> owners = new ArrayList<>();
        for (int c = 0; c < CUSTOMERS; c++) {
            Owner owner = Owner.user("user_lane" + c);
            CustomerId customer = new CustomerId("cus_lane" + c);
            world.link(owner, customer);
            world.stripe.subscribe(customer, world.apiCalls.id());
            owners.add(owner);
        }
        List<UsageEvent> events = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            events.add(event(owners.get(i % CUSTOMERS), "api_calls", 1 + i, "lane-" + i));
        }
        world.report(false).report(events);
        ForwardUsage forward = new ForwardUsage(world.outbox, stripe, world.meters, world.accounts,
                (owner, event, id, value, code, at) -> world.rejections.add(code), UsageSignals.NONE, world.clock,
                Duration.ofSeconds(30), senders, CUSTOMERS);

        assertThat(forward.drain()).isEqualTo(80);

        assertThat(mostInFlight.get()).as("customers sent at once").isEqualTo(CUSTOMERS);
        assertThat(mostPerCustomer.values()).as("calls at once per customer and meter").allMatch(m -> m.get() == 1);
        for (int c = 0; c < CUSTOMERS; c++) {
            CustomerId customer = new CustomerId("cus_lane" + c);
            assertThat(sentInOrder.stream().filter(e -> e.customer().equals(customer))
                    .map(e -> Integer.parseInt(e.identifier().value().substring(5))).toList())
                    .as("a customer's events in the order reported").isSorted();
            long expected = 0;
            for (int i = c; i < 80; i += CUSTOMERS) {
                expected += 1 + i;
            }
            assertThat(world.stripe.total(customer, "mtr_api")).isEqualTo(expected);
        }
        assertThat(world.outbox.count(UsageState.SENT)).isEqualTo(80);
    }

    @Test
    void oneCustomersOutageLeavesTheOtherLanesSentAndRetriesOnlyItsOwnEvents() {
        List<Owner> owners = List.of(Owner.user("user_down"), Owner.user("user_up"));
        world.link(owners.get(0), new CustomerId("cus_down"));
        world.link(owners.get(1), new CustomerId("cus_up"));
        world.stripe.subscribe(new CustomerId("cus_down"), world.apiCalls.id());
        world.stripe.subscribe(new CustomerId("cus_up"), world.apiCalls.id());
        MeterEvents downForOne = new MeterEvents() {
            @Override
            public List<Meter> activeMeters() {
                return world.stripe.activeMeters();
            }

            @Override
            public Set<MeterId> meteredMeters(CustomerId customer) {
                return world.stripe.meteredMeters(customer);
            }

            @Override
            public SendOutcome send(MeterEvent event) {
                return event.customer().value().equals("cus_down")
                        ? new SendOutcome.TryLater("server_error", java.util.Optional.empty())
                        : world.stripe.send(event);
            }
        };
        world.report(false).report(List.of(event(owners.get(0), "api_calls", 1, "d1"),
                event(owners.get(1), "api_calls", 2, "u1"), event(owners.get(0), "api_calls", 3, "d2"),
                event(owners.get(1), "api_calls", 4, "u2")));
        ForwardUsage forward = new ForwardUsage(world.outbox, downForOne, world.meters, world.accounts,
                (owner, event, id, value, code, at) -> world.rejections.add(code), UsageSignals.NONE, world.clock,
                Duration.ofSeconds(30), senders, 2);

        assertThat(forward.drain()).isEqualTo(2);

        assertThat(world.stripe.total(new CustomerId("cus_up"), "mtr_api")).isEqualTo(6);
        assertThat(world.outbox.rows.get(new UsageIdentifier("d1")).lastError).isEqualTo("server_error");
        assertThat(world.outbox.rows.get(new UsageIdentifier("d2")).lastError).isEqualTo("server_error");
        assertThat(world.outbox.count(UsageState.PENDING)).isEqualTo(2);
        assertThat(world.rejections).isEmpty();
    }
}
