package io.billingbridge.stripe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StripeSettingsTest {

    private static final String KEY = "sk_live_51SecretValueThatMustNeverBePrinted";
    private static final String WEBHOOK = "whsec_AlsoSecretNeverPrinted";

    @Test
    void defaultsFollowStripe() {
        StripeSettings settings = StripeSettings.builder(KEY, WEBHOOK).build();

        assertThat(settings.apiBase()).isEqualTo(URI.create("https://api.stripe.com"));
        assertThat(settings.maxNetworkRetries()).isEqualTo(2);
        assertThat(settings.opsPerSecond()).isEqualTo(25);
        assertThat(settings.searchPerSecond()).isEqualTo(20);
        assertThat(settings.webhookTolerance()).isEqualTo(Duration.ofSeconds(300));
        assertThat(settings.liveMode()).isTrue();
    }

    @Test
    void toStringPrintsNoSecret() {
        String text = StripeSettings.builder(KEY, WEBHOOK).build().toString();

        assertThat(text).doesNotContain("SecretValue").doesNotContain("AlsoSecret").contains("(live key)");
    }

    @Test
    void trailingSlashOfApiBaseIsDropped() {
        assertThat(StripeSettings.builder(KEY, WEBHOOK).apiBase("http://127.0.0.1:12111/").build().apiBase())
                .isEqualTo(URI.create("http://127.0.0.1:12111"));
    }

    @Test
    void rejectsBadValuesWithoutEchoingTheKey() {
        assertThatThrownBy(() -> StripeSettings.builder("pk_live_PublishableNotSecret", WEBHOOK).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("PublishableNotSecret");
        assertThatThrownBy(() -> StripeSettings.builder(" ", WEBHOOK).build())
                .hasMessageContaining("STRIPE_SECRET_KEY");
        assertThatThrownBy(() -> StripeSettings.builder(KEY, "").build())
                .hasMessageContaining("STRIPE_WEBHOOK_SECRET");
        assertThatThrownBy(() -> StripeSettings.builder(KEY, WEBHOOK).apiBase("ftp://stripe.example").build())
                .hasMessageContaining("http(s)");
        assertThatThrownBy(() -> StripeSettings.builder(KEY, WEBHOOK).readTimeout(Duration.ZERO).build())
                .hasMessageContaining("readTimeout");
        assertThatThrownBy(() -> StripeSettings.builder(KEY, WEBHOOK).maxNetworkRetries(-1).build())
                .hasMessageContaining("maxNetworkRetries");
        assertThatThrownBy(() -> StripeSettings.builder(KEY, WEBHOOK).opsPerSecond(0).build())
                .hasMessageContaining("opsPerSecond");
        assertThatThrownBy(() -> StripeSettings.builder(KEY, WEBHOOK).searchPerSecond(21).build())
                .hasMessageContaining("search limit");
    }
}
