package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.stripe.StripeSettings;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every setting of the Stripe adapter can be written in config.yml and reaches the adapter as written. */
class StripeSectionTest {
    private static final String KEYS = "stripe:\n  secretKey: sk_test_1234567890\n  webhookSecret: whsec_abc\n";

    private static StripeSettings settings(String yaml) throws Exception {
        return Adapters.stripeSettings(ConfigurationFiles.parse(yaml).getStripe());
    }

    @Test
    void everyYamlValueReachesStripeSettings() throws Exception {
        StripeSettings settings = settings(KEYS + "  apiBase: http://127.0.0.1:12111/\n  connectTimeout: 3s\n"
                + "  readTimeout: 45 seconds\n  maxNetworkRetries: 5\n  requestTimeout: 3s\n  opsPerSecond: 40\n  searchPerSecond: 7\n"
                + "  maxBudgetWait: 250ms\n  webhookTolerance: 2 minutes\n");

        assertThat(settings.apiBase()).isEqualTo(URI.create("http://127.0.0.1:12111"));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(settings.maxNetworkRetries()).isEqualTo(5);
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.opsPerSecond()).isEqualTo(40);
        assertThat(settings.searchPerSecond()).isEqualTo(7);
        assertThat(settings.maxBudgetWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.webhookTolerance()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void unsetValuesAreStripesDefaults() throws Exception {
        StripeSettings settings = settings(KEYS);

        assertThat(settings.apiBase()).isEqualTo(StripeSettings.DEFAULT_API_BASE);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(80));
        assertThat(settings.maxNetworkRetries()).isEqualTo(2);
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.searchPerSecond()).isEqualTo(20);
        assertThat(settings.maxBudgetWait()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.webhookTolerance()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void requestBudgetFollowsTheKeysModeUnlessSet() throws Exception {
        assertThat(settings(KEYS).opsPerSecond()).isEqualTo(25);
        assertThat(settings("stripe:\n  secretKey: rk_test_1234567890\n  webhookSecret: whsec_abc\n").opsPerSecond())
                .isEqualTo(25);
        assertThat(settings("stripe:\n  secretKey: sk_live_1234567890\n  webhookSecret: whsec_abc\n").opsPerSecond())
                .isEqualTo(100);
        assertThat(settings("stripe:\n  secretKey: rk_live_1234567890\n  webhookSecret: whsec_abc\n").opsPerSecond())
                .isEqualTo(100);
        assertThat(settings("stripe:\n  secretKey: sk_live_1234567890\n  webhookSecret: whsec_abc\n"
                + "  opsPerSecond: 60\n").opsPerSecond()).isEqualTo(60);
    }

    @Test
    void anInvalidValueIsOneLineNamingTheSetting() {
        assertThatThrownBy(() -> settings(KEYS + "  searchPerSecond: 50\n"))
                .isInstanceOf(StartupProblem.class)
                .hasMessageStartingWith("stripe configuration: searchPerSecond must be 1..20");
    }
}
