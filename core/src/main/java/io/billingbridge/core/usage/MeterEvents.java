package io.billingbridge.core.usage;

import io.billingbridge.core.account.CustomerId;
import java.util.List;
import java.util.Set;

/** Stripe's billing meters and meter events API. */
public interface MeterEvents {

    /**
     * The account's active meters.
     *
     * @throws io.billingbridge.core.error.ProviderUnavailable when Stripe cannot be reached
     */
    List<Meter> activeMeters();

    /**
     * The ids of the meters that metered prices on the customer's live subscriptions (active, trialing, past due)
     * charge for: usage on other meters would never be billed to this customer.
     *
     * @throws io.billingbridge.core.error.ProviderUnavailable when Stripe cannot be reached
     */
    Set<MeterId> meteredMeters(CustomerId customer);

    /** Sends one meter event, with its identifier; never throws for what Stripe answers. */
    SendOutcome send(MeterEvent event);
}
