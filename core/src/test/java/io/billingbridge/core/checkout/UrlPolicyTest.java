package io.billingbridge.core.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.error.InvalidRequest;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UrlPolicyTest {
    private final UrlPolicy policy = new UrlPolicy(Set.of("https://app.example.com", "http://localhost:3000"));

    @Test
    void stripesSessionPlaceholderIsAcceptedAndKept() {
        assertThat(policy.requireAllowed("https://app.example.com/done?session={CHECKOUT_SESSION_ID}", "successUrl")
                .toString()).isEqualTo("https://app.example.com/done?session=%7BCHECKOUT_SESSION_ID%7D");
    }

    @Test
    void originsCompareSchemeHostAndPort() {
        assertThat(policy.requireAllowed("https://APP.example.com:443/x", "u").getHost()).isEqualTo("APP.example.com");
        assertThat(policy.requireAllowed("http://localhost:3000/back", "u")).isNotNull();
        assertThatThrownBy(() -> policy.requireAllowed("http://localhost:3001/back", "u")).isInstanceOf(InvalidRequest.class);
        assertThatThrownBy(() -> policy.requireAllowed("http://app.example.com/", "u")).isInstanceOf(InvalidRequest.class);
    }

    @Test
    void misconfiguredOriginIsRefusedAtStart() {
        assertThatThrownBy(() -> new UrlPolicy(Set.of("app.example.com"))).isInstanceOf(IllegalArgumentException.class);
    }
}
