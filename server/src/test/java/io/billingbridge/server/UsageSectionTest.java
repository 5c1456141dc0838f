package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code usage:} refuses what it must by default, reaches the use cases as written, and refuses bad values. */
class UsageSectionTest {

    private static UsageSection parse(String yaml) throws Exception {
        return ConfigurationFiles.parse(yaml).getUsage();
    }

    @Test
    void withoutAUsageSectionUsageOfUnsubscribedOwnersIsRefusedAndForwardingRunsEveryTwoSeconds() throws Exception {
        UsageSection usage = parse("billing: {}\n");

        assertThat(usage.isKeepUntilSubscribed()).isFalse();
        assertThat(usage.forwardEvery()).isEqualTo(Duration.ofSeconds(2));
        assertThat(usage.recheckWaitingEvery()).isEqualTo(Duration.ofSeconds(30));
        assertThat(usage.parallelSends()).isEqualTo(8);
    }

    @Test
    void theSettingsAreReadAsWritten() throws Exception {
        UsageSection usage = parse("usage:\n  keepUntilSubscribed: true\n  forwardEvery: 500ms\n"
                + "  recheckWaitingEvery: 10s\n  parallelSends: 3\n");

        assertThat(usage.isKeepUntilSubscribed()).isTrue();
        assertThat(usage.forwardEvery()).isEqualTo(Duration.ofMillis(500));
        assertThat(usage.recheckWaitingEvery()).isEqualTo(Duration.ofSeconds(10));
        assertThat(usage.parallelSends()).isEqualTo(3);
    }

    @Test
    void intervalsOutOfBoundsAreRefusedNamingTheSetting() throws Exception {
        assertThatThrownBy(() -> parse("usage:\n  forwardEvery: 10ms\n").forwardEvery())
                .isInstanceOf(StartupProblem.class).hasMessageContaining("usage.forwardEvery");
        assertThatThrownBy(() -> parse("usage:\n  recheckWaitingEvery: 2 days\n").recheckWaitingEvery())
                .isInstanceOf(StartupProblem.class).hasMessageContaining("usage.recheckWaitingEvery");
        assertThatThrownBy(() -> parse("usage:\n  parallelSends: 0\n").parallelSends())
                .isInstanceOf(StartupProblem.class).hasMessageContaining("usage.parallelSends");
    }

    @Test
    void theMeterEventsBudgetIsItsOwnAndBoundedByStripesLimit() throws Exception {
        StripeSection stripe = ConfigurationFiles.parse("stripe:\n  secretKey: sk_test_abcdefgh\n"
                + "  webhookSecret: whsec_x\n  meterEventsPerSecond: 400\n").getStripe();

        assertThat(stripe.toSettings(java.net.URI.create("https://api.stripe.com")).meterEventsPerSecond())
                .isEqualTo(400);
        stripe.setMeterEventsPerSecond(1001);
        assertThatThrownBy(() -> stripe.toSettings(java.net.URI.create("https://api.stripe.com")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("meterEventsPerSecond");
    }
}
