package io.billingbridge.core.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.snapshot.AccessState;
import io.billingbridge.core.testing.AdvancingClock;
import io.billingbridge.core.testing.InMemoryEventOutbox;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliverEventsTest {
    private static final Instant START = Instant.parse("2026-11-29T08:00:00Z");
    private static final SigningSecret SECRET = SigningSecret.parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    private static final EventEndpoint ENDPOINT = new EventEndpoint(URI.create("https://app.test/events"), SECRET,
            Set.of(EventType.BILLING_UPDATED));

    private final AdvancingClock clock = new AdvancingClock(START);
    private final InMemoryEventOutbox outbox = outboxOn(clock);
    private final ScriptedSender sender = new ScriptedSender();
    /** Not Standard Webhooks (the server's signer is tested against the spec): a stand-in that shows what it signed. */
    private static final EventSigner SIGNER = (secret, id, at, body) -> new WebhookHeaders(id, at.getEpochSecond(),
            "v1," + secret.key().length + ":" + id + "." + at.getEpochSecond() + "." + body);
    private final DeliverEvents worker = new DeliverEvents(outbox, sender, SIGNER, List.of(ENDPOINT), clock,
            "instance-a");

    /** Answers with the scripted outcomes in order, then accepts; remembers every post. */
    private static final class ScriptedSender implements EventSender {
        final Deque<DeliveryOutcome> script = new ArrayDeque<>();
        final List<WebhookHeaders> posted = new ArrayList<>();
        final List<String> bodies = new ArrayList<>();

        @Override
        public DeliveryOutcome post(URI url, WebhookHeaders headers, String body) {
            posted.add(headers);
            bodies.add(body);
            return script.isEmpty() ? new DeliveryOutcome.Accepted(204) : script.poll();
        }

        @Override
        public Duration attemptBound() {
            return Duration.ofSeconds(15);
        }
    }

    private EventId record(String user, AccessState.State state) {
        return outbox.recordBillingUpdate(Owner.user(user), new PlanSummary(Optional.of("Team"), state, List.of()),
                List.of(ENDPOINT.key()), EventId.random(), clock.instant()).orElseThrow();
    }

    @Test
    void postsEachDueEventSignedPerStandardWebhooksAndMarksItDelivered() {
        EventId id = record("user_1", AccessState.State.ACTIVE);

        assertThat(worker.drain()).isEqualTo(1);

        InMemoryEventOutbox.Row row = outbox.row(id, ENDPOINT.key());
        assertThat(row.deliveredAt).isEqualTo(START);
        assertThat(row.attempts).isEqualTo(1);
        assertThat(sender.posted).singleElement().isEqualTo(SIGNER.sign(SECRET, id, START, row.body));
        assertThat(worker.drain()).isZero();
        assertThat(sender.posted).hasSize(1);
    }

    @Test
    void aRefusedOrTimedOutAttemptIsRetriedWithExponentialBackoffUnderTheSameId() {
        EventId id = record("user_1", AccessState.State.ACTIVE);
        sender.script.add(new DeliveryOutcome.Refused(500));
        sender.script.add(new DeliveryOutcome.TimedOut());

        assertThat(worker.drain()).isZero();
        assertThat(outbox.row(id, ENDPOINT.key()).nextAttemptAt).isEqualTo(START.plusSeconds(1));
        assertThat(outbox.row(id, ENDPOINT.key()).lastError).isEqualTo("500");
        clock.advance(Duration.ofSeconds(1));
        assertThat(worker.drain()).isZero();
        assertThat(outbox.row(id, ENDPOINT.key()).nextAttemptAt).isEqualTo(START.plusSeconds(1 + 2));
        assertThat(outbox.row(id, ENDPOINT.key()).lastError).isEqualTo("timeout");
        clock.advance(Duration.ofMillis(1_999));
        assertThat(worker.drain()).as("not due before its backoff").isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(worker.drain()).isEqualTo(1);

        assertThat(sender.posted).hasSize(3).allSatisfy(h -> assertThat(h.id()).isEqualTo(id));
        assertThat(outbox.row(id, ENDPOINT.key()).attempts).isEqualTo(3);
    }

    @Test
    void backoffDoublesFromOneSecondUpToAnHour() {
        assertThat(DeliverEvents.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(DeliverEvents.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(DeliverEvents.backoff(10)).isEqualTo(Duration.ofSeconds(512));
        assertThat(DeliverEvents.backoff(13)).isEqualTo(Duration.ofHours(1));
        assertThat(DeliverEvents.backoff(40)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aDeliveryFailingForADayIsGivenUpAndNoLongerHoldsBackTheOwnersNextEvent() {
        EventId first = record("user_1", AccessState.State.ACTIVE);
        clock.advance(Duration.ofMinutes(1));
        EventId second = record("user_1", AccessState.State.GRACE);
        int attempts = 0;
        while (outbox.row(first, ENDPOINT.key()).givenUpAt == null) {
            sender.script.add(new DeliveryOutcome.Refused(503));
            worker.drain();
            attempts++;
            clock.advance(Duration.ofHours(1));
            assertThat(attempts).as("given up within a day and an hour").isLessThan(60);
        }

        InMemoryEventOutbox.Row given = outbox.row(first, ENDPOINT.key());
        Instant deadline = START.plus(DeliverEvents.GIVE_UP_AFTER);
        assertThat(given.givenUpAt).isAfterOrEqualTo(deadline).isBefore(deadline.plus(Duration.ofHours(1)));
        assertThat(given.lastError).isEqualTo("503");
        assertThat(sender.posted).allSatisfy(h -> assertThat(h.id()).isEqualTo(first));
        worker.drain();
        assertThat(outbox.row(second, ENDPOINT.key()).deliveredAt).isNotNull();
    }

    @Test
    void anOwnersLaterEventWaitsUntilTheEarlierIsDeliveredWhileOtherOwnersGoOn() {
        EventId first = record("user_1", AccessState.State.ACTIVE);
        EventId second = record("user_1", AccessState.State.GRACE);
        EventId other = record("user_2", AccessState.State.ACTIVE);
        sender.script.add(new DeliveryOutcome.Unreachable("connect"));

        worker.drain();

        assertThat(sender.posted).extracting(WebhookHeaders::id).containsExactly(first, other);
        assertThat(outbox.row(second, ENDPOINT.key()).attempts).isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(worker.drain()).as("the earlier, then in the same drain the one it held back").isEqualTo(2);
        assertThat(sender.posted).extracting(WebhookHeaders::id).containsExactly(first, other, first, second);
    }

    @Test
    void postsNothingWhileAnotherInstanceHoldsTheEndpointsLease() {
        record("user_1", AccessState.State.ACTIVE);
        outbox.leasedElsewhere(ENDPOINT.key(), START.plusSeconds(30));

        assertThat(worker.drain()).isZero();
        assertThat(sender.posted).isEmpty();
        clock.advance(Duration.ofSeconds(30));
        assertThat(worker.drain()).isEqualTo(1);
    }

    @Test
    void refusesASenderWhoseAttemptsMayOutlastHalfTheLease() {
        EventSender slow = new EventSender() {
            @Override
            public DeliveryOutcome post(URI url, WebhookHeaders headers, String body) {
                return new DeliveryOutcome.Accepted(200);
            }

            @Override
            public Duration attemptBound() {
                return Duration.ofSeconds(30);
            }
        };

        assertThatThrownBy(() -> new DeliverEvents(outbox, slow, SIGNER, List.of(ENDPOINT), clock, "a"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("half the endpoint lease");
    }

    @Test
    void outcomesAreNamedWithoutTheReceiversAnswer() {
        assertThat(new DeliveryOutcome.Refused(500).describe()).isEqualTo("500");
        assertThat(new DeliveryOutcome.TimedOut().describe()).isEqualTo("timeout");
        assertThatThrownBy(() -> new DeliveryOutcome.Unreachable("Connection refused: app.test"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DeliveryOutcome.Refused(204)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deliveriesToAnEndpointNoLongerConfiguredAreLeftUndoneAndReported() {
        String removed = "https://old.app.test/events?token=abc";
        EventId kept = outbox.recordBillingUpdate(Owner.user("user_1"), new PlanSummary(Optional.of("Team"),
                AccessState.State.ACTIVE, List.of()), List.of(removed, ENDPOINT.key()), EventId.random(),
                clock.instant()).orElseThrow();

        worker.drain();

        assertThat(outbox.row(kept, removed).attempts).isZero();
        assertThat(outbox.row(kept, removed).deliveredAt).isNull();
        assertThat(outbox.row(kept, removed).givenUpAt).isNull();
        assertThat(outbox.row(kept, ENDPOINT.key()).deliveredAt).as("the configured one").isNotNull();
        assertThat(DeliverEvents.reportUnconfigured(outbox, List.of(ENDPOINT)))
                .isEqualTo(java.util.Map.of(removed, 1L));
    }

    private static InMemoryEventOutbox outboxOn(java.time.Clock clock) {
        InMemoryEventOutbox outbox = new InMemoryEventOutbox();
        outbox.clock = clock;
        return outbox;
    }
}
