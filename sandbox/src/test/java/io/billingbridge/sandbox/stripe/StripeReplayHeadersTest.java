package io.billingbridge.sandbox.stripe;

import static io.billingbridge.sandbox.stripe.StripeTestSupport.client;
import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A replayed response must not leak its {@code Request-Id}/{@code Idempotent-Replayed} headers into later responses
 * (the JDK's {@code HttpExchange} attributes are shared by the whole context, so they cannot carry per-request state).
 */
class StripeReplayHeadersTest {

    private static StripeEmulator emulator;
    private static StripeClient stripe;

    @BeforeAll
    static void start() {
        emulator = StripeEmulator.start(StripeEmulatorConfig.builder().build());
        stripe = client(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void requestAfterAReplayGetsItsOwnRequestIdAndNoReplayHeader() throws StripeException {
        RequestOptions key = RequestOptions.builder().setIdempotencyKey(StripeTestSupport.unique("replay")).build();
        Customer original = stripe.v1().customers().create(CustomerCreateParams.builder().build(), key);
        Customer replay = stripe.v1().customers().create(CustomerCreateParams.builder().build(), key);
        assertThat(replay.getLastResponse().requestId()).isEqualTo(original.getLastResponse().requestId());

        Customer fresh = stripe.v1().customers().create(CustomerCreateParams.builder().build());

        assertThat(fresh.getId()).isNotEqualTo(original.getId());
        assertThat(fresh.getLastResponse().requestId()).isNotEqualTo(original.getLastResponse().requestId());
        assertThat(fresh.getLastResponse().headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(fresh.getLastResponse().headers().firstValue("Original-Request")).isEmpty();
    }
}
