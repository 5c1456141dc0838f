package io.billingbridge.core.usage;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.testing.AdvancingClock;
import io.billingbridge.core.testing.FakeMeterEvents;
import io.billingbridge.core.testing.InMemoryBillingAccounts;
import io.billingbridge.core.testing.InMemoryUsageOutbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The usage use cases on in-memory ports: one subscribed owner, one owner with a customer only, one with neither. */
final class UsageFixture {
    static final Instant START = Instant.parse("2026-03-10T12:00:00Z");
    static final Owner SUBSCRIBED = Owner.user("user_sub");
    static final Owner CUSTOMER_ONLY = Owner.organization("org_free");
    static final Owner NO_CUSTOMER = Owner.user("user_new");
    static final CustomerId SUBSCRIBED_CUSTOMER = new CustomerId("cus_sub");
    static final CustomerId FREE_CUSTOMER = new CustomerId("cus_free");

    final AdvancingClock clock = new AdvancingClock(START);
    final InMemoryBillingAccounts accounts = new InMemoryBillingAccounts();
    final InMemoryUsageOutbox outbox = new InMemoryUsageOutbox();
    final FakeMeterEvents stripe = new FakeMeterEvents();
    final MeterDirectory meters = new MeterDirectory(stripe, clock);
    final AtomicInteger wakes = new AtomicInteger();
    final List<String> rejections = new ArrayList<>();
    final Meter apiCalls = stripe.addMeter("mtr_api", "api_calls");

    UsageFixture() {
        link(SUBSCRIBED, SUBSCRIBED_CUSTOMER);
        link(CUSTOMER_ONLY, FREE_CUSTOMER);
        stripe.subscribe(SUBSCRIBED_CUSTOMER, apiCalls.id());
    }

    void link(Owner owner, CustomerId customer) {
        accounts.reserve(owner, START);
        accounts.link(owner, customer, CustomerProfile.empty(), START);
    }

    ReportUsage report(boolean keepUntilSubscribed) {
        return new ReportUsage(accounts, meters, outbox, keepUntilSubscribed, wakes::incrementAndGet,
                UsageSignals.NONE, clock);
    }

    ForwardUsage forward() {
        return new ForwardUsage(outbox, stripe, meters, accounts,
                (owner, event, id, value, code, at) -> rejections.add(owner.key() + " " + id + " " + code),
                UsageSignals.NONE, clock);
    }

    static UsageEvent event(Owner owner, String name, long value, String identifier) {
        return new UsageEvent(owner, name, value, new UsageIdentifier(identifier), Optional.empty());
    }
}
