package io.billingbridge.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** Everything the server is told in {@code config.yml}; values may come from the environment as {@code ${VAR}}. */
public class BillingBridgeConfiguration extends Configuration {
    @Valid
    @NotNull
    @JsonProperty
    private DatabaseSettings database = new DatabaseSettings();

    @Valid
    @NotNull
    @JsonProperty
    private StripeSection stripe = new StripeSection();

    @Valid
    @NotNull
    @JsonProperty
    private ClerkSection clerk = new ClerkSection();

    @Valid
    @NotNull
    @JsonProperty
    private BillingSection billing = new BillingSection();

    @Valid
    @NotNull
    @JsonProperty
    private EventsSection events = new EventsSection();

    @Valid
    @NotNull
    @JsonProperty
    private UsageSection usage = new UsageSection();

    public DatabaseSettings getDatabase() {
        return database;
    }

    public StripeSection getStripe() {
        return stripe;
    }

    public ClerkSection getClerk() {
        return clerk;
    }

    public BillingSection getBilling() {
        return billing;
    }

    public EventsSection getEvents() {
        return events;
    }

    public UsageSection getUsage() {
        return usage;
    }
}
