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

    public DatabaseSettings getDatabase() {
        return database;
    }
}
