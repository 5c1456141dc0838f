package io.billingbridge.server;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code stripe:} in config.yml — keys come from the environment, never from the file. */
public class StripeSection {
    @JsonProperty
    private String secretKey;

    @JsonProperty
    private String apiBase = "https://api.stripe.com";

    @JsonProperty
    private String webhookSecret;

    @JsonProperty
    private int maxNetworkRetries = 2;

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public String getApiBase() {
        return apiBase;
    }

    public void setApiBase(String apiBase) {
        this.apiBase = apiBase;
    }

    public String getWebhookSecret() {
        return webhookSecret;
    }

    public void setWebhookSecret(String webhookSecret) {
        this.webhookSecret = webhookSecret;
    }

    public int getMaxNetworkRetries() {
        return maxNetworkRetries;
    }
}
