package io.billingbridge.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.billingbridge.stripe.StripeSettings;
import io.dropwizard.util.Duration;
import java.net.URI;

/**
 * {@code stripe:} in config.yml — keys come from the environment, never from the file; every other setting of the
 * Stripe adapter may be set here, with Stripe's defaults.
 */
public class StripeSection {
    /** Stripe's rate limit in test mode, the budget for a test key unless {@code opsPerSecond} is set. */
    static final int TEST_MODE_OPS_PER_SECOND = 25;
    /** Stripe's rate limit in live mode, the budget for a live key unless {@code opsPerSecond} is set. */
    static final int LIVE_MODE_OPS_PER_SECOND = 100;

    @JsonProperty
    private String secretKey;

    @JsonProperty
    private String apiBase = StripeSettings.DEFAULT_API_BASE.toString();

    @JsonProperty
    private String webhookSecret;

    @JsonProperty
    private Duration connectTimeout = Duration.seconds(30);

    @JsonProperty
    private Duration readTimeout = Duration.seconds(80);

    @JsonProperty
    private int maxNetworkRetries = 2;

    /** The bound on one Stripe call made while an HTTP request waits, retries included. */
    @JsonProperty
    private Duration requestTimeout = Duration.seconds(5);

    /** Client-side budget for all requests; unset: 25/s with a test key, 100/s with a live key, as Stripe allows. */
    @JsonProperty
    private Integer opsPerSecond;

    @JsonProperty
    private int searchPerSecond = StripeSettings.STRIPE_SEARCH_LIMIT;

    /**
     * Client-side budget for sending usage to Stripe's meter events API, which Stripe limits apart from the rest of
     * the API (1,000/s in live mode); these requests do not count against {@code opsPerSecond}.
     */
    @JsonProperty
    private int meterEventsPerSecond = StripeSettings.DEFAULT_METER_EVENTS_PER_SECOND;

    @JsonProperty
    private Duration maxBudgetWait = Duration.seconds(10);

    @JsonProperty
    private Duration webhookTolerance = Duration.minutes(5);

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

    public void setOpsPerSecond(Integer opsPerSecond) {
        this.opsPerSecond = opsPerSecond;
    }

    public void setMeterEventsPerSecond(int meterEventsPerSecond) {
        this.meterEventsPerSecond = meterEventsPerSecond;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    /**
     * The adapter's settings; throws {@link IllegalArgumentException} naming the setting when one is invalid.
     *
     * @param apiBase {@link #getApiBase()}, already checked to be an absolute URL
     */
    StripeSettings toSettings(URI apiBase) {
        StripeSettings.Builder builder = StripeSettings.builder(secretKey, webhookSecret)
                .apiBase(apiBase)
                .connectTimeout(connectTimeout.toJavaDuration())
                .readTimeout(readTimeout.toJavaDuration())
                .maxNetworkRetries(maxNetworkRetries)
                .requestTimeout(requestTimeout.toJavaDuration())
                .searchPerSecond(searchPerSecond)
                .meterEventsPerSecond(meterEventsPerSecond)
                .maxBudgetWait(maxBudgetWait.toJavaDuration())
                .webhookTolerance(webhookTolerance.toJavaDuration());
        if (opsPerSecond != null) {
            return builder.opsPerSecond(opsPerSecond).build();
        }
        boolean live = builder.opsPerSecond(TEST_MODE_OPS_PER_SECOND).build().liveMode();
        return live ? builder.opsPerSecond(LIVE_MODE_OPS_PER_SECOND).build() : builder.build();
    }
}
