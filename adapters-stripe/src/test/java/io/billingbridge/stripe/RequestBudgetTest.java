package io.billingbridge.stripe;

import static io.billingbridge.stripe.StripeTestKit.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.error.ProviderUnavailable;
import io.billingbridge.sandbox.stripe.StripeEmulator;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RequestBudgetTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static StripeEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = StripeTestKit.emulator();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void burstUpToTheLimitPassesThenStartsWaitForTheOldestToken() {
        AtomicLong now = new AtomicLong(1_000 * SECOND);
        RequestBudget budget = new RequestBudget(3, now::get);

        assertThat(budget.reserve(Long.MIN_VALUE, Duration.ofSeconds(5))).isEqualTo(now.get());
        now.addAndGet(SECOND / 10);
        assertThat(budget.reserve(Long.MIN_VALUE, Duration.ofSeconds(5))).isEqualTo(now.get());
        assertThat(budget.reserve(Long.MIN_VALUE, Duration.ofSeconds(5))).isEqualTo(now.get());
        assertThat(budget.reserve(Long.MIN_VALUE, Duration.ofSeconds(5))).isEqualTo(1_001 * SECOND);
        assertThat(budget.reserve(Long.MIN_VALUE, Duration.ofSeconds(5))).isEqualTo(1_001 * SECOND + SECOND / 10);
    }

    @Test
    void refusesWithoutReservingWhenTheWaitWouldExceedTheBound() {
        AtomicLong now = new AtomicLong(5 * SECOND);
        RequestBudget budget = new RequestBudget(1, now::get);
        budget.reserve(Long.MIN_VALUE, Duration.ZERO);

        assertThat(budget.reserve(Long.MIN_VALUE, Duration.ofMillis(500))).isEqualTo(Long.MIN_VALUE);
        assertThat(budget.reserve(Long.MIN_VALUE, Duration.ofSeconds(1))).isEqualTo(6 * SECOND);
    }

    @Test
    void neverStartsBeforeTheGivenTime() {
        AtomicLong now = new AtomicLong(SECOND);
        RequestBudget budget = new RequestBudget(10, now::get);

        assertThat(budget.reserve(3 * SECOND, Duration.ofSeconds(5))).isEqualTo(3 * SECOND);
    }

    @Test
    void callsOverTheOpsBudgetWaitInsteadOfFailing() {
        StripePaymentProvider provider = new StripePaymentProvider(StripeTestKit.settings(emulator)
                .opsPerSecond(4).build());
        long started = System.nanoTime();

        for (int i = 0; i < 5; i++) {
            provider.findCustomer(newUser());
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void searchesAreHeldToTheSearchBudget() {
        StripePaymentProvider provider = new StripePaymentProvider(StripeTestKit.settings(emulator)
                .searchPerSecond(2).build());
        provider.activePrices();
        long started = System.nanoTime();

        for (int i = 0; i < 3; i++) {
            provider.findCustomer(newUser());
        }

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void waitBeyondTheBoundFailsAsUnavailable() {
        StripePaymentProvider provider = new StripePaymentProvider(StripeTestKit.settings(emulator)
                .opsPerSecond(1).maxBudgetWait(Duration.ofMillis(100)).build());
        provider.findCustomer(newUser());

        assertThatThrownBy(() -> provider.findCustomer(newUser()))
                .isInstanceOfSatisfying(ProviderUnavailable.class, e -> {
                    assertThat(e.providerRequestId()).isEmpty();
                    assertThat(e.retryAfter()).isPositive();
                });
    }
}
