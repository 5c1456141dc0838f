package io.billingbridge.core.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.billingbridge.core.access.Principal;
import io.billingbridge.core.access.SessionRateLimit;
import io.billingbridge.core.checkout.CheckoutSettings;
import io.billingbridge.core.checkout.QuantityRule;
import io.billingbridge.core.checkout.StartCheckoutCommand;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.owner.UserId;
import io.billingbridge.core.payment.CheckoutSession;
import io.billingbridge.core.testing.BillingWorld;
import io.billingbridge.core.testing.FakePaymentProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SyncAfterCheckoutTest {
    private final BillingWorld world = new BillingWorld();
    private final Principal carol = Principal.user(new UserId("user_carol"), "sess_c");
    private final Principal mallory = Principal.user(new UserId("user_mallory"), "sess_m");
    private final SyncAfterCheckout afterCheckout = new SyncAfterCheckout(world.guard, world.accounts, world.payments,
            world.reads, new SessionRateLimit(10, Duration.ofMinutes(1), world.clock, world.signals));
    private CheckoutSession carolsSession;

    @BeforeEach
    void carolStartedACheckout() {
        world.directory.user("user_carol", "Carol", "carol@example.com").user("user_mallory", "Mallory", null);
        world.payments.prices = List.of(FakePaymentProvider.price("price_pro", "pro_monthly", true,
                Map.of("billing_bridge_owner_types", "user")));
        carolsSession = world.startCheckout(new CheckoutSettings(new QuantityRule.Fixed(1), Optional.empty(), false,
                false), 5).start(carol, new StartCheckoutCommand("user", Optional.empty(), "pro_monthly",
                Optional.empty(), "https://app.example.com/ok", "https://app.example.com/cancel"));
        world.audit.entries.clear();
    }

    @Test
    void theSessionsOwnerGetsTheirFreshBilling() {
        BillingView view = afterCheckout.sync(carol, carolsSession.id().value());

        assertThat(view.owner().key()).isEqualTo("user:user_carol");
        assertThat(world.audit.entries).isEmpty();
    }

    @Test
    void anotherOwnersSessionAnswersLikeAMissingOneAndIsAuditedAsADeniedPlanRead() {
        Throwable foreign = catchNotFound(mallory, carolsSession.id().value());
        Throwable missing = catchNotFound(mallory, "cs_test_doesnotexist");
        Throwable malformed = catchNotFound(mallory, "not-a-session");

        assertThat(foreign).hasMessage(missing.getMessage()).hasMessage(malformed.getMessage());
        assertThat(((NotFound) foreign).code()).isEqualTo(((NotFound) missing).code());
        assertThat(world.audit.entries).as("only the attempt on a real session names an owner").singleElement()
                .satisfies(e -> {
                    assertThat(e.actor()).isEqualTo("user_mallory");
                    assertThat(e.owner()).contains("user:user_carol");
                    assertThat(e.action()).isEqualTo("customer.read");
                    assertThat(e.outcome()).isEqualTo("denied");
                    assertThat(e.detail()).isEqualTo("access_denied");
                });
    }

    private Throwable catchNotFound(Principal caller, String sessionId) {
        Throwable thrown = catchThrowable(() -> afterCheckout.sync(caller, sessionId));
        assertThat(thrown).isInstanceOf(NotFound.class);
        return thrown;
    }

    @Test
    void aMalformedSessionIdCostsNoProviderCall() {
        world.payments.calls.clear();
        assertThatThrownBy(() -> afterCheckout.sync(carol, "cs_")).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> afterCheckout.sync(carol, null)).isInstanceOf(NotFound.class);
        assertThat(world.payments.calls).isEmpty();
    }
}
