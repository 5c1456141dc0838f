package io.billingbridge.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.model.Price;
import com.stripe.model.Subscription;
import com.stripe.model.billing.Meter;
import com.stripe.param.billing.MeterEventSummaryListParams;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.appkey.AppKeyScope;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiAppKeys;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@code usage.keepUntilSubscribed}, usage of owners without a customer or without a metered subscription is
 * accepted and kept, and reaches Stripe once they subscribe.
 */
class UsageKeptUntilSubscribedSystemTest {
    private static SystemUnderTest system;
    private static MeteredCustomers metered;
    private static String usageKey;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.startConfigured(1, config -> {
            config.getUsage().setKeepUntilSubscribed(true);
            config.getUsage().setForwardEvery(io.dropwizard.util.Duration.milliseconds(200));
            config.getUsage().setRecheckWaitingEvery(io.dropwizard.util.Duration.seconds(1));
        });
        metered = new MeteredCustomers(system);
        usageKey = new JdbiAppKeys(Databases.jdbi(system.database()), Clock.systemUTC()).create("usage-keeper",
                Set.of(AppKeyScope.USAGE_WRITE));
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    private static Reply report(Owner owner, String eventName, long value, String identifier) {
        return system.call("POST", "/v1/usage").bearer(usageKey).json("{\"ownerType\":\"" + owner.type().wireName()
                + "\",\"ownerId\":\"" + owner.id() + "\",\"event\":\"" + eventName + "\",\"value\":" + value
                + ",\"identifier\":\"" + identifier + "\"}").send();
    }

    private static long total(Meter meter, CustomerId customer, Subscription subscription) throws Exception {
        long start = subscription.getItems().getData().get(0).getCurrentPeriodStart() / 60 * 60 - 60;
        long end = (system.sandbox().stripe().now() / 60 + 2) * 60;
        return metered.stripe().v1().billing().meters().eventSummaries().list(meter.getId(),
                MeterEventSummaryListParams.builder().setCustomer(customer.value()).setStartTime(start)
                        .setEndTime(end).build()).getData().get(0).getAggregatedValue().longValue();
    }

    private static long waiting() {
        return system.count("SELECT count(*) FROM usage_events WHERE state = 'waiting'");
    }

    @Test
    void usageOfOwnersWithoutAMeteredSubscriptionWaitsAndIsBilledOnceTheySubscribe() throws Exception {
        Meter meter = metered.meter("kept_calls");
        Price price = metered.meteredPrice(meter, 5);
        Owner unsubscribed = Owner.organization("org_kept_usage");
        CustomerId customer = metered.customer(unsubscribed);
        Owner newcomer = Owner.user("user_kept_newcomer");

        assertThat(report(unsubscribed, meter.getEventName(), 4, "kept-1").status()).isEqualTo(202);
        assertThat(report(unsubscribed, meter.getEventName(), 6, "kept-2").status()).isEqualTo(202);
        assertThat(report(newcomer, meter.getEventName(), 7, "kept-3").status()).isEqualTo(202);
        assertThat(report(newcomer, meter.getEventName(), 70, "kept-3").json().get("duplicates").asInt())
                .isEqualTo(1);
        assertThat(report(unsubscribed, "no_such_meter", 1, "kept-4").status())
                .as("an event name no meter has is still refused").isEqualTo(400);
        assertThat(waiting()).isEqualTo(3);

        Subscription subscription = metered.subscribe(customer, price);
        SystemUnderTest.await("the subscribed owner's usage to reach Stripe", Duration.ofSeconds(20),
                () -> system.count("SELECT count(*) FROM usage_events WHERE state = 'sent'") == 2);
        assertThat(total(meter, customer, subscription)).isEqualTo(10);
        assertThat(waiting()).as("the newcomer still has no customer").isEqualTo(1);

        CustomerId newcomerCustomer = metered.customer(newcomer);
        Subscription newcomerSubscription = metered.subscribe(newcomerCustomer, price);
        SystemUnderTest.await("the newcomer's usage to reach Stripe", Duration.ofSeconds(20), () -> waiting() == 0
                && system.count("SELECT count(*) FROM usage_events WHERE state = 'sent'") == 3);
        assertThat(total(meter, newcomerCustomer, newcomerSubscription)).isEqualTo(7);
    }
}
