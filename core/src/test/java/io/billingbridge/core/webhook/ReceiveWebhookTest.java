package io.billingbridge.core.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.testing.InMemoryWebhookLedger;
import io.billingbridge.core.testing.RecordingSignals;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ReceiveWebhookTest {
    private static final WebhookDelivery ANY = new WebhookDelivery(new byte[0], Map.of());
    private final InMemoryWebhookLedger ledger = new InMemoryWebhookLedger();
    private final AtomicInteger wakes = new AtomicInteger();
    private final RecordingSignals signals = new RecordingSignals();
    private final VerifiedEvent paid = new VerifiedEvent("evt_1", "invoice.paid",
            new WebhookWork.ResyncCustomer(new CustomerId("cus_acme")));
    private final VerifiedEvent updated = new VerifiedEvent("evt_1", "user.updated",
            new WebhookWork.OwnerChanged(Owner.user("user_alice")));
    private final ReceiveWebhook receive = new ReceiveWebhook(delivery -> paid, delivery -> updated, ledger,
            wakes::incrementAndGet, Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC), signals);

    @Test
    void theVerifiersWorkIsRecordedOnceAndWakesTheWorker() {
        assertThat(receive.fromStripe(ANY)).isTrue();
        assertThat(receive.fromStripe(ANY)).as("a repeated delivery").isFalse();

        assertThat(ledger.pending()).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo(WebhookSource.STRIPE);
            assertThat(e.work()).isEqualTo(paid.work());
            assertThat(e.type()).isEqualTo("invoice.paid");
        });
        assertThat(wakes).hasValue(1);
        assertThat(signals.lines).containsExactly("webhook_received STRIPE invoice.paid recorded",
                "webhook_received STRIPE invoice.paid duplicate");
    }

    @Test
    void eventIdsArePerSender() {
        assertThat(receive.fromStripe(ANY)).isTrue();
        assertThat(receive.fromClerk(ANY)).isTrue();

        assertThat(ledger.pending()).extracting(LedgerEntry::work).containsExactly(paid.work(), updated.work());
    }

    @Test
    void aRefusedDeliveryIsRethrownAsTheVerifierRefusedItAndNothingIsRecordedOrWoken() {
        InvalidRequest refusal = new InvalidRequest("invalid_payload", "The webhook payload could not be decoded.");
        ReceiveWebhook refusing = new ReceiveWebhook(delivery -> {
            throw refusal;
        }, delivery -> {
            throw refusal;
        }, ledger, wakes::incrementAndGet, Clock.fixed(Instant.parse("2026-11-26T12:00:00Z"), ZoneOffset.UTC), signals);

        assertThatThrownBy(() -> refusing.fromStripe(ANY)).isSameAs(refusal);
        assertThatThrownBy(() -> refusing.fromClerk(ANY)).isSameAs(refusal);

        assertThat(ledger.pending()).isEmpty();
        assertThat(wakes).hasValue(0);
        assertThat(signals.lines).containsExactly("webhook_refused STRIPE " + refusal.code(),
                "webhook_refused CLERK " + refusal.code());
    }

    @Test
    void acceptedDeliveriesLogNothingAtInfoAndRefusalsStillWarn() {
        Logger log = (Logger) LoggerFactory.getLogger(ReceiveWebhook.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        log.addAppender(lines);
        Level level = log.getLevel();
        ReceiveWebhook refusing = new ReceiveWebhook(delivery -> {
            throw new InvalidRequest("invalid_signature", "the Stripe signature does not verify");
        }, delivery -> updated, ledger, wakes::incrementAndGet, Clock.systemUTC(), signals);
        try {
            log.setLevel(Level.INFO);
            receive.fromStripe(ANY);
            receive.fromStripe(ANY);
            assertThatThrownBy(() -> refusing.fromStripe(ANY)).isInstanceOf(InvalidRequest.class);
            assertThat(lines.list).as("at INFO, one warning for the refusal and no line per accepted event")
                    .singleElement().satisfies(line -> {
                        assertThat(line.getLevel()).isEqualTo(Level.WARN);
                        assertThat(line.getFormattedMessage()).isEqualTo("refused STRIPE webhook: invalid_signature");
                    });

            lines.list.clear();
            log.setLevel(Level.DEBUG);
            receive.fromClerk(ANY);
            receive.fromClerk(ANY);
            assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "recorded CLERK event evt_1 (user.updated): " + updated.work().describe(),
                    "ignored duplicate CLERK event evt_1 (user.updated)");
        } finally {
            log.setLevel(level);
            log.detachAppender(lines);
        }
    }

    @Test
    void anEventIdIsOneTo255Characters() {
        WebhookWork nothing = new WebhookWork.Nothing();
        assertThat(new VerifiedEvent("e".repeat(VerifiedEvent.MAX_EVENT_ID_LENGTH), "x", nothing).eventId())
                .hasSize(255);
        assertThatThrownBy(() -> new VerifiedEvent("e".repeat(256), "x", nothing))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new VerifiedEvent("", "x", nothing)).isInstanceOf(IllegalArgumentException.class);
    }
}
