package io.billingbridge.server.system;

import com.stripe.model.billing.Meter;
import io.billingbridge.core.owner.Owner;

/** Usage set-ups for tests outside this package (benchmarks). */
public final class UsageFixtures {
    private UsageFixtures() {
    }

    /**
     * Makes a summing meter and a metered price on it in the system's Stripe emulator, and subscribes a new customer
     * linked to {@code owner} to it; the meter's event name.
     */
    public static String subscribedOwner(SystemUnderTest system, Owner owner) {
        MeteredCustomers metered = new MeteredCustomers(system);
        Meter meter = metered.meter("bench_calls");
        metered.subscribe(metered.customer(owner), metered.meteredPrice(meter, 1));
        return meter.getEventName();
    }
}
