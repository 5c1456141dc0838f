package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.Price;
import com.stripe.model.Subscription;
import com.stripe.model.billing.Meter;
import com.stripe.model.billing.MeterEventSummary;
import com.stripe.param.billing.MeterEventSummaryListParams;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.appkey.AppKeyScope;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiAppKeys;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Usage reported by the application's backend over real HTTP, stored in the outbox and forwarded to the Stripe
 * emulator's meter events API: under load (several customers, sent in parallel lanes), with duplicates and a Stripe
 * outage, Stripe counts each distinct event once per customer and each period's invoice charges exactly that; and
 * every refusal stores nothing.
 */
class UsageSystemTest {
    private static final int EVENTS = 10_000;
    private static final int CLIENTS = 8;
    private static final int OWNERS = 4;
    private static final long UNIT_AMOUNT = 3;

    private static SystemUnderTest system;
    private static MeteredCustomers metered;
    private static String usageKey;
    private static Meter meter;
    private static Price price;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.startConfigured(1, config -> {
            config.getStripe().setMeterEventsPerSecond(1000);
            config.getUsage().setForwardEvery(io.dropwizard.util.Duration.milliseconds(500));
        });
        metered = new MeteredCustomers(system);
        usageKey = new JdbiAppKeys(Databases.jdbi(system.database()), Clock.systemUTC()).create("usage-test",
                Set.of(AppKeyScope.USAGE_WRITE));
        meter = metered.meter("api_calls");
        price = metered.meteredPrice(meter, UNIT_AMOUNT);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private static String event(Owner owner, String eventName, long value, String identifier) {
        return "{\"ownerType\":\"" + owner.type().wireName() + "\",\"ownerId\":\"" + owner.id() + "\",\"event\":\""
                + eventName + "\",\"value\":" + value + ",\"identifier\":\"" + identifier + "\"}";
    }

    private static String batch(List<String> events) {
        return "{\"events\":[" + String.join(",", events) + "]}";
    }

    private static Reply post(String body) {
        return system.call("POST", "/v1/usage").bearer(usageKey).json(body).send();
    }

    /** What one client posted: accepted and duplicate counts as answered. */
    private record Posted(int accepted, int duplicates, int duplicatesSent) {
    }

    @Test
    void tenThousandEventsFromEightClientsWithDuplicatesAndAStripeOutageAreBilledExactlyOnce() throws Exception {
        SystemUnderTest.await("usage reported by other tests to be forwarded", Duration.ofSeconds(30),
                () -> system.count("SELECT count(*) FROM usage_events WHERE state = 'pending'") == 0);
        long started = System.nanoTime();
        double forwardedBefore = system.metric(0, "billing_usage_forwarded_total");
        double acceptedBefore = system.metric(0, "billing_usage_accepted_total");
        double duplicatesBefore = system.metric(0, "billing_usage_duplicates_total");
        List<Owner> owners = new ArrayList<>();
        List<CustomerId> customers = new ArrayList<>();
        List<Subscription> subscriptions = new ArrayList<>();
        for (int o = 0; o < OWNERS; o++) {
            Owner owner = Owner.user("user_metered_load" + o);
            owners.add(owner);
            customers.add(metered.customer(owner));
            subscriptions.add(metered.subscribe(customers.get(o), price));
        }
        long periodEnd = subscriptions.stream().mapToLong(s -> s.getItems().getData().get(0).getCurrentPeriodEnd())
                .max().orElseThrow();
        StripeEmulator stripe = system.sandbox().stripe();

        Random random = new Random(12);
        long[] values = new long[EVENTS];
        long[] expected = new long[OWNERS];
        for (int i = 0; i < EVENTS; i++) {
            values[i] = 1 + random.nextInt(50);
            expected[i % OWNERS] += values[i];
        }
        AtomicInteger posted = new AtomicInteger();
        AtomicBoolean outage = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Posted>> results = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            results.add(clients.submit(() -> {
                Random own = new Random(100 + client);
                int accepted = 0;
                int duplicates = 0;
                int duplicatesSent = 0;
                int next = client;
                while (next < EVENTS) {
                    int size = own.nextInt(10) < 4 ? 1 : 2 + own.nextInt(99);
                    List<String> events = new ArrayList<>();
                    List<Integer> indexes = new ArrayList<>();
                    for (; next < EVENTS && events.size() < size; next += CLIENTS) {
                        events.add(event(owners.get(next % OWNERS), meter.getEventName(), values[next],
                                "load-" + next));
                        indexes.add(next);
                    }
                    Reply reply = post(events.size() == 1 ? events.get(0) : batch(events));
                    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
                    accepted += reply.json().get("accepted").asInt();
                    duplicates += reply.json().get("duplicates").asInt();
                    List<String> again = new ArrayList<>();
                    for (int index : indexes) {
                        if (own.nextInt(100) < 5) {
                            again.add(event(owners.get(index % OWNERS), meter.getEventName(), values[index] + 1000,
                                    "load-" + index));
                        }
                    }
                    if (!again.isEmpty()) {
                        Reply repeat = post(again.size() == 1 ? again.get(0) : batch(again));
                        assertThat(repeat.status()).as(repeat.body()).isEqualTo(202);
                        accepted += repeat.json().get("accepted").asInt();
                        duplicates += repeat.json().get("duplicates").asInt();
                        duplicatesSent += again.size();
                    }
                    if (posted.addAndGet(events.size()) >= EVENTS / 3 && outage.compareAndSet(false, true)) {
                        stripe.failNextRequestsTo("POST", "/v1/billing/meter_events", 2, 503);
                        stripe.failNextRequestsTo("POST", "/v1/billing/meter_events", 1, 429);
                        stripe.failNextAfterWrite(2, 500);
                    }
                }
                return new Posted(accepted, duplicates, duplicatesSent);
            }));
        }
        int accepted = 0;
        int duplicates = 0;
        int duplicatesSent = 0;
        for (Future<Posted> result : results) {
            Posted p = result.get();
            accepted += p.accepted();
            duplicates += p.duplicates();
            duplicatesSent += p.duplicatesSent();
        }
        clients.shutdown();
        double postSeconds = (System.nanoTime() - started) / 1e9;

        assertThat(accepted).isEqualTo(EVENTS);
        assertThat(duplicates).isEqualTo(duplicatesSent);
        assertThat(duplicatesSent).as("about 5% sent twice").isBetween(EVENTS / 40, EVENTS / 10);
        SystemUnderTest.await("the usage backlog to drain", Duration.ofSeconds(120),
                () -> system.count("SELECT count(*) FROM usage_events WHERE state <> 'sent' AND identifier LIKE 'load-%'") == 0);
        double drainedSeconds = (System.nanoTime() - started) / 1e9;

        assertThat(stripe.afterWriteFaultsLeft()).as("the lost answers happened").isZero();
        assertThat(system.metric(0, "billing_usage_send_retries_total")).as("the outage was retried").isPositive();
        assertThat(system.metric(0, "billing_usage_forwarded_total") - forwardedBefore).isEqualTo(EVENTS);
        assertThat(system.metric(0, "billing_usage_accepted_total") - acceptedBefore).isEqualTo(EVENTS);
        assertThat(system.metric(0, "billing_usage_duplicates_total") - duplicatesBefore).isEqualTo(duplicatesSent);
        assertThat(system.count("SELECT coalesce(sum(value), 0) FROM usage_events WHERE identifier LIKE 'load-%'"))
                .as("the first of each identifier's reports was kept").isEqualTo(LongStream.of(expected).sum());
        for (int o = 0; o < OWNERS; o++) {
            long periodStart = subscriptions.get(o).getItems().getData().get(0).getCurrentPeriodStart();
            assertThat(summary(metered.stripe(), customers.get(o), periodStart)).as(owners.get(o).key())
                    .isEqualTo(expected[o]);
        }

        stripe.advanceClock(Duration.ofSeconds(periodEnd - stripe.now() + 1));
        for (int o = 0; o < OWNERS; o++) {
            Subscription renewed = metered.stripe().v1().subscriptions().retrieve(subscriptions.get(o).getId());
            Invoice renewal = metered.stripe().v1().invoices().retrieve(renewed.getLatestInvoice());
            InvoiceLineItem usage = renewal.getLines().getData().stream().filter(line -> price.getId().equals(
                    line.getPricing().getPriceDetails().getPrice())).findFirst().orElseThrow();
            assertThat(usage.getQuantity()).as(owners.get(o).key()).isEqualTo(expected[o]);
            assertThat(usage.getAmount()).as(owners.get(o).key()).isEqualTo(expected[o] * UNIT_AMOUNT);
        }
        System.out.printf("UsageSystemTest: %d events (%d duplicates) posted in %.1f s, backlog drained at %.1f s,"
                + " %.1f s in all%n", EVENTS, duplicatesSent, postSeconds, drainedSeconds,
                (System.nanoTime() - started) / 1e9);
    }

    private static long summary(StripeClient stripe, CustomerId customer, long periodStart) throws Exception {
        long start = periodStart / 60 * 60;
        long end = (system.sandbox().stripe().now() / 60 + 2) * 60;
        MeterEventSummary summary = stripe.v1().billing().meters().eventSummaries().list(meter.getId(),
                MeterEventSummaryListParams.builder().setCustomer(customer.value()).setStartTime(start)
                        .setEndTime(end).build()).getData().get(0);
        return summary.getAggregatedValue().longValue();
    }

    @Test
    void everyRefusedReportStoresNothing() {
        Owner subscribed = Owner.user("user_metered_refusals");
        metered.subscribe(metered.customer(subscribed), price);
        Owner unsubscribed = Owner.organization("org_unmetered");
        metered.customer(unsubscribed);
        Owner unknown = Owner.user("user_without_customer");
        String good = event(subscribed, meter.getEventName(), 1, "refused-good");
        String billingReader = new JdbiAppKeys(Databases.jdbi(system.database()), Clock.systemUTC())
                .create("usage-reader", Set.of(AppKeyScope.BILLING_READ));
        String session = system.token(ClerkDevInstance.CAROL, Optional.empty());

        Map<String, Reply> replies = new HashMap<>();
        replies.put("no customer", post(batch(List.of(good, event(unknown, meter.getEventName(), 1, "refused-1")))));
        replies.put("not metered", post(event(unsubscribed, meter.getEventName(), 1, "refused-2")));
        replies.put("unknown event", post(batch(List.of(good, event(subscribed, "no_such_meter", 1, "refused-3")))));
        replies.put("fraction", post(good.replace("\"value\":1", "\"value\":2.5")));
        replies.put("string value", post(good.replace("\"value\":1", "\"value\":\"3\"")));
        replies.put("negative", post(good.replace("\"value\":1", "\"value\":-1")));
        replies.put("long identifier", post(good.replace("refused-good", "x".repeat(101))));
        replies.put("old timestamp", post(good.replace("}", ",\"timestamp\":"
                + Instant.now().minus(Duration.ofDays(36)).getEpochSecond() + "}")));
        replies.put("unknown field", post(good.replace("}", ",\"valu\":2}")));
        replies.put("too big", post(batch(IntStream.range(0, 101).mapToObj(i -> event(subscribed,
                meter.getEventName(), 1, "refused-big-" + i)).toList())));
        replies.put("empty", post("{\"events\":[]}"));

        assertError(replies.get("no customer"), 404, "usage_owner_unknown");
        assertThat(message(replies.get("no customer"))).startsWith("events[1]: ");
        assertError(replies.get("not metered"), 409, "usage_not_metered");
        assertError(replies.get("unknown event"), 400, "usage_event_unknown");
        assertThat(message(replies.get("unknown event"))).startsWith("events[1]: no active Stripe meter");
        for (String valueCase : List.of("fraction", "string value", "negative")) {
            assertError(replies.get(valueCase), 400, "invalid_usage_event");
            assertThat(message(replies.get(valueCase))).as(valueCase).startsWith("events[0]: value is a whole number");
        }
        assertError(replies.get("long identifier"), 400, "invalid_usage_event");
        assertThat(message(replies.get("long identifier"))).startsWith("events[0]: identifier must be 1 to 100");
        assertError(replies.get("old timestamp"), 400, "invalid_usage_event");
        assertThat(message(replies.get("old timestamp"))).startsWith("events[0]: timestamp is more than 35 days");
        assertError(replies.get("unknown field"), 400, "invalid_usage_event");
        assertError(replies.get("too big"), 400, "usage_batch_too_large");
        assertError(replies.get("empty"), 400, "usage_batch_empty");
        assertError(system.call("POST", "/v1/usage").bearer(session).json(good).send(), 401, "app_key_invalid");
        assertError(system.call("POST", "/v1/usage").header("Cookie", "__session=" + session).json(good).send(), 401,
                "app_key_missing");
        assertError(system.call("POST", "/v1/usage").bearer(billingReader).json(good).send(), 403,
                "app_key_scope_required");
        assertThat(system.count("SELECT count(*) FROM usage_events WHERE identifier LIKE 'refused-%' "
                + "OR identifier LIKE 'xxxx%'")).as("nothing stored").isZero();

        Reply accepted = post(good);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.json().get("accepted").asInt()).isEqualTo(1);
        SystemUnderTest.await("the accepted report to reach Stripe", Duration.ofSeconds(30),
                () -> system.count("SELECT count(*) FROM usage_events WHERE identifier = 'refused-good' "
                        + "AND state = 'sent'") == 1);
    }

    private static String message(Reply reply) {
        return reply.json().get("error").get("message").asText();
    }
}
