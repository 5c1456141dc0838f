package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressReporterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private ProgressReporter reporter(boolean terminal) {
        return new ProgressReporter(out, terminal, now::get, Duration.ofSeconds(10), 1000);
    }

    private void seconds(double seconds) {
        now.addAndGet((long) (seconds * 1e9));
    }

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTerminalGetsOneLineRedrawnWithABarRateAndTimeLeft() {
        ProgressReporter progress = reporter(true);
        progress.stage("users", OptionalLong.of(100));
        seconds(5);
        progress.advance(25);

        assertThat(progress.line(now.get())).isEqualTo("users: [######..................] 25/100 (25%), 5.0/s, ETA 15s");
        assertThat(printed()).endsWith("\rusers: [######..................] 25/100 (25%), 5.0/s, ETA 15s")
                .doesNotContain("\n");

        seconds(15);
        progress.advance(75);
        progress.finish();

        assertThat(printed()).as("the last drawing is padded over, then the line ends")
                .matches("(?s).*\\rusers: \\[#{24}] 100/100 \\(100%\\), 5\\.0/s *\\rusers: 100 done in 20s, 5\\.0/s +\n");
    }

    @Test
    void aTerminalIsNotRedrawnMoreThanFiveTimesASecond() {
        ProgressReporter progress = reporter(true);
        progress.stage("users", OptionalLong.of(1000));
        for (int i = 0; i < 100; i++) {
            seconds(0.01);
            progress.advance(1);
        }

        assertThat(printed().split("\r", -1)).hasSize(1 + 1 + 5);
    }

    @Test
    void withoutATerminalAPlainLineComesEveryTenSecondsOrEveryThousandItems() {
        ProgressReporter progress = reporter(false);
        progress.stage("Stripe customers", OptionalLong.empty());
        seconds(4);
        progress.advance(100);
        seconds(6);
        progress.advance(100);
        seconds(1);
        progress.advance(1000);
        seconds(1);
        progress.advance(1);
        progress.stage("accounts", OptionalLong.of(400));
        seconds(10);
        progress.advance(100);
        progress.finish();

        assertThat(printed().lines()).containsExactly(
                "Stripe customers: 200 done, 20.0/s",
                "Stripe customers: 1200 done, 109.1/s",
                "Stripe customers: 1201 done in 12s, 100.1/s",
                "accounts: 100/400 (25%), 10.0/s, ETA 30s",
                "accounts: 100 done in 10s, 10.0/s");
        assertThat(printed()).doesNotContain("\r");
    }

    @Test
    void durationsReadAsSecondsMinutesOrHours() {
        assertThat(ProgressReporter.duration(Duration.ofSeconds(42).toNanos())).isEqualTo("42s");
        assertThat(ProgressReporter.duration(Duration.ofSeconds(185).toNanos())).isEqualTo("3m05s");
        assertThat(ProgressReporter.duration(Duration.ofMinutes(127).toNanos())).isEqualTo("2h07m");
    }

    @Test
    void nothingIsShownBeforeTheFirstStage() {
        ProgressReporter progress = reporter(false);
        progress.advance(5);
        progress.finish();

        assertThat(printed()).isEmpty();
    }
}
