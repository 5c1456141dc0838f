package io.billingbridge.sandbox.stripe;

import static io.billingbridge.sandbox.stripe.StripeTestSupport.client;
import static io.billingbridge.sandbox.stripe.StripeTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.billing.Meter;
import com.stripe.model.billing.MeterEvent;
import com.stripe.model.billing.MeterEventSummary;
import com.stripe.param.billing.MeterCreateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import com.stripe.param.billing.MeterEventSummaryListParams;
import com.stripe.param.billing.MeterListParams;
import com.stripe.param.billing.MeterUpdateParams;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Billing meters, meter events and event summaries through stripe-java. */
class StripeMetersTest {

    /** A base time on an hour (and day) boundary, so that summary windows are easy to state. */
    private static final Instant BASE = Instant.parse("2026-03-01T00:00:00Z");

    private static StripeEmulator emulator;
    private static StripeClient stripe;

    private Customer customer;

    @BeforeAll
    static void start() {
        emulator = StripeEmulator.start(StripeEmulatorConfig.builder().clock(Clock.fixed(BASE, ZoneOffset.UTC))
                .build());
        stripe = client(emulator);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void newCustomer() throws StripeException {
        customer = StripeTestSupport.customer(stripe, unique("meter") + "@example.com");
    }

    static Meter meter(StripeClient stripe, String eventName, MeterCreateParams.DefaultAggregation.Formula formula)
            throws StripeException {
        return stripe.v1().billing().meters().create(MeterCreateParams.builder().setDisplayName("API calls")
                .setEventName(eventName).setDefaultAggregation(MeterCreateParams.DefaultAggregation.builder()
                        .setFormula(formula).build()).build());
    }

    private static MeterEvent report(String eventName, String customerId, String value, String identifier,
            Long timestamp) throws StripeException {
        MeterEventCreateParams.Builder params = MeterEventCreateParams.builder().setEventName(eventName)
                .putPayload("stripe_customer_id", customerId).setIdentifier(identifier).setTimestamp(timestamp);
        if (value != null) {
            params.putPayload("value", value);
        }
        return stripe.v1().billing().meterEvents().create(params.build());
    }

    private static BigDecimal total(Meter meter, String customerId, long start, long end) throws StripeException {
        List<MeterEventSummary> summaries = stripe.v1().billing().meters().eventSummaries().list(meter.getId(),
                MeterEventSummaryListParams.builder().setCustomer(customerId).setStartTime(start).setEndTime(end)
                        .build()).getData();
        assertThat(summaries).hasSize(1);
        return summaries.get(0).getAggregatedValue();
    }

    private static long now() {
        return emulator.now();
    }

    private static long minuteFloor(long seconds) {
        return seconds - Math.floorMod(seconds, 60);
    }

    @Test
    void meterIsCreatedWithStripesDefaultsAndCanBeRetrievedListedRenamedDeactivatedAndReactivated()
            throws StripeException {
        String eventName = unique("api_calls");
        Meter meter = meter(stripe, eventName, MeterCreateParams.DefaultAggregation.Formula.SUM);

        assertThat(meter.getId()).startsWith("mtr_");
        assertThat(meter.getObject()).isEqualTo("billing.meter");
        assertThat(meter.getStatus()).isEqualTo("active");
        assertThat(meter.getEventName()).isEqualTo(eventName);
        assertThat(meter.getDefaultAggregation().getFormula()).isEqualTo("sum");
        assertThat(meter.getCustomerMapping().getEventPayloadKey()).isEqualTo("stripe_customer_id");
        assertThat(meter.getCustomerMapping().getType()).isEqualTo("by_id");
        assertThat(meter.getValueSettings().getEventPayloadKey()).isEqualTo("value");
        assertThat(meter.getStatusTransitions().getDeactivatedAt()).isNull();
        assertThat(stripe.v1().billing().meters().retrieve(meter.getId()).getEventName()).isEqualTo(eventName);
        assertThat(stripe.v1().billing().meters().list(MeterListParams.builder()
                .setStatus(MeterListParams.Status.ACTIVE).setLimit(100L).build()).getData())
                .extracting(Meter::getId).contains(meter.getId());

        Meter renamed = stripe.v1().billing().meters().update(meter.getId(), MeterUpdateParams.builder()
                .setDisplayName("Requests").build());
        assertThat(renamed.getDisplayName()).isEqualTo("Requests");

        Meter inactive = stripe.v1().billing().meters().deactivate(meter.getId());
        assertThat(inactive.getStatus()).isEqualTo("inactive");
        assertThat(inactive.getStatusTransitions().getDeactivatedAt()).isEqualTo(now());
        assertThat(stripe.v1().billing().meters().list(MeterListParams.builder()
                .setStatus(MeterListParams.Status.INACTIVE).setLimit(100L).build()).getData())
                .extracting(Meter::getId).contains(meter.getId());

        assertThat(stripe.v1().billing().meters().reactivate(meter.getId()).getStatus()).isEqualTo("active");
    }

    @Test
    void eventNameIsUniqueAmongActiveMetersOnly() throws StripeException {
        String eventName = unique("tokens");
        Meter first = meter(stripe, eventName, MeterCreateParams.DefaultAggregation.Formula.SUM);

        assertThatThrownBy(() -> meter(stripe, eventName, MeterCreateParams.DefaultAggregation.Formula.COUNT))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getStripeError().getParam()).isEqualTo("event_name");
                });

        stripe.v1().billing().meters().deactivate(first.getId());
        Meter second = meter(stripe, eventName, MeterCreateParams.DefaultAggregation.Formula.COUNT);
        assertThat(second.getStatus()).isEqualTo("active");
        assertThatThrownBy(() -> stripe.v1().billing().meters().reactivate(first.getId()))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void meterEventIsAcceptedWithItsPayloadIdentifierAndTimestamp() throws StripeException {
        Meter meter = meter(stripe, unique("calls"), MeterCreateParams.DefaultAggregation.Formula.SUM);

        MeterEvent event = report(meter.getEventName(), customer.getId(), "25", "evt-1-" + unique("id"), null);

        assertThat(event.getObject()).isEqualTo("billing.meter_event");
        assertThat(event.getEventName()).isEqualTo(meter.getEventName());
        assertThat(event.getPayload()).containsEntry("stripe_customer_id", customer.getId())
                .containsEntry("value", "25");
        assertThat(event.getIdentifier()).startsWith("evt-1-");
        assertThat(event.getTimestamp()).isEqualTo(now());
        assertThat(event.getCreated()).isEqualTo(now());
        MeterEvent generated = report(meter.getEventName(), customer.getId(), "1", null, null);
        assertThat(generated.getIdentifier()).isNotBlank().isNotEqualTo(event.getIdentifier());
    }

    @Test
    void secondEventWithTheSameIdentifierWithin24HoursIsRefusedAndNotCounted() throws StripeException {
        Meter meter = meter(stripe, unique("calls"), MeterCreateParams.DefaultAggregation.Formula.SUM);
        long start = minuteFloor(now());
        String identifier = unique("usage");
        report(meter.getEventName(), customer.getId(), "7", identifier, null);

        assertThatThrownBy(() -> report(meter.getEventName(), customer.getId(), "7", identifier, null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getStripeError().getType()).isEqualTo("invalid_request_error");
                    assertThat(e.getStripeError().getParam()).isEqualTo("identifier");
                    assertThat(e.getMessage()).contains("An event already exists with identifier " + identifier);
                });
        emulator.advanceClock(Duration.ofHours(23).plusMinutes(59));
        assertThatThrownBy(() -> report(meter.getEventName(), customer.getId(), "7", identifier, null))
                .isInstanceOf(InvalidRequestException.class);
        assertThat(total(meter, customer.getId(), start, minuteFloor(now()) + 60)).isEqualByComparingTo("7");

        emulator.advanceClock(Duration.ofMinutes(1));
        report(meter.getEventName(), customer.getId(), "7", identifier, null);
        assertThat(total(meter, customer.getId(), start, minuteFloor(now()) + 60)).isEqualByComparingTo("14");
    }

    @Test
    void eventOlderThan35DaysOrMoreThan5MinutesAheadIsRefused() throws StripeException {
        Meter meter = meter(stripe, unique("calls"), MeterCreateParams.DefaultAggregation.Formula.SUM);
        long now = now();

        assertThatThrownBy(() -> report(meter.getEventName(), customer.getId(), "1", unique("old"),
                now - Duration.ofDays(35).getSeconds() - 1)).isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getStripeError().getParam()).isEqualTo("timestamp"));
        assertThatThrownBy(() -> report(meter.getEventName(), customer.getId(), "1", unique("ahead"),
                now + 301)).isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getStripeError().getParam()).isEqualTo("timestamp"));

        assertThat(report(meter.getEventName(), customer.getId(), "1", unique("edge"),
                now - Duration.ofDays(35).getSeconds()).getTimestamp()).isEqualTo(now - 35 * 86_400L);
        assertThat(report(meter.getEventName(), customer.getId(), "1", unique("edge"), now + 300).getTimestamp())
                .isEqualTo(now + 300);
    }

    @Test
    void invalidEventsAreRefusedInStripesErrorShape() throws StripeException {
        Meter meter = meter(stripe, unique("calls"), MeterCreateParams.DefaultAggregation.Formula.SUM);

        assertThatThrownBy(() -> report(unique("no_such_meter"), customer.getId(), "1", unique("a"), null))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getStripeError().getParam()).isEqualTo("event_name"));
        assertThatThrownBy(() -> stripe.v1().billing().meterEvents().create(MeterEventCreateParams.builder()
                .setEventName(meter.getEventName()).putPayload("value", "1").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getStripeError().getParam()).isEqualTo("payload[stripe_customer_id]"));
        assertThatThrownBy(() -> report(meter.getEventName(), "cus_missing", "1", unique("b"), null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                    assertThat(e.getStripeError().getParam()).isEqualTo("payload[stripe_customer_id]");
                });
        assertThatThrownBy(() -> report(meter.getEventName(), customer.getId(), "ten", unique("c"), null))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getStripeError().getParam()).isEqualTo("payload[value]"));
        assertThatThrownBy(() -> report(meter.getEventName(), customer.getId(), null, unique("d"), null))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getStripeError().getParam()).isEqualTo("payload[value]"));

        stripe.v1().billing().meters().deactivate(meter.getId());
        assertThatThrownBy(() -> report(meter.getEventName(), customer.getId(), "1", unique("e"), null))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getStripeError().getParam()).isEqualTo("event_name"));
    }

    @Test
    void summaryAggregatesByTheMetersFormula() throws StripeException {
        Meter sum = meter(stripe, unique("sum"), MeterCreateParams.DefaultAggregation.Formula.SUM);
        Meter count = meter(stripe, unique("count"), MeterCreateParams.DefaultAggregation.Formula.COUNT);
        Meter last = meter(stripe, unique("last"), MeterCreateParams.DefaultAggregation.Formula.LAST);
        long now = now();
        for (Meter meter : List.of(sum, count, last)) {
            report(meter.getEventName(), customer.getId(), "3", unique("x"), now - 120);
            report(meter.getEventName(), customer.getId(), "2.5", unique("y"), now - 60);
            report(meter.getEventName(), customer.getId(), "10", unique("z"), now - 3600);
        }
        Customer other = StripeTestSupport.customer(stripe, unique("other") + "@example.com");
        report(sum.getEventName(), other.getId(), "1000", unique("o"), now - 60);
        long start = minuteFloor(now) - 7200;
        long end = minuteFloor(now) + 60;

        assertThat(total(sum, customer.getId(), start, end)).isEqualByComparingTo("15.5");
        assertThat(total(count, customer.getId(), start, end)).isEqualByComparingTo("3");
        assertThat(total(last, customer.getId(), start, end)).isEqualByComparingTo("2.5");
        assertThat(total(sum, customer.getId(), minuteFloor(now) - 60, end)).isEqualByComparingTo("2.5");
        assertThat(total(sum, customer.getId(), end, end + 3600)).isEqualByComparingTo("0");
        MeterEventSummary summary = stripe.v1().billing().meters().eventSummaries().list(sum.getId(),
                MeterEventSummaryListParams.builder().setCustomer(customer.getId()).setStartTime(start)
                        .setEndTime(end).build()).getData().get(0);
        assertThat(summary.getObject()).isEqualTo("billing.meter_event_summary");
        assertThat(summary.getMeter()).isEqualTo(sum.getId());
        assertThat(summary.getStartTime()).isEqualTo(start);
        assertThat(summary.getEndTime()).isEqualTo(end);
    }

    @Test
    void summaryTimesMustBeAlignedToTheMinute() throws StripeException {
        Meter meter = meter(stripe, unique("calls"), MeterCreateParams.DefaultAggregation.Formula.SUM);
        long start = minuteFloor(now());

        assertThatThrownBy(() -> total(meter, customer.getId(), start + 1, start + 120))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getStripeError().getParam()).isEqualTo("start_time"));
        assertThatThrownBy(() -> total(meter, customer.getId(), start, start + 90))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getStripeError().getParam()).isEqualTo("end_time"));
    }

    @Test
    void hourlyGroupingReturnsOneSummaryPerHourWithUsageNewestFirst() throws StripeException {
        Meter meter = meter(stripe, unique("calls"), MeterCreateParams.DefaultAggregation.Formula.SUM);
        long now = now();
        long hour = now - Math.floorMod(now, 3600);
        report(meter.getEventName(), customer.getId(), "4", unique("h"), hour - 3600 + 10);
        report(meter.getEventName(), customer.getId(), "6", unique("h"), hour - 3600 + 20);
        report(meter.getEventName(), customer.getId(), "5", unique("h"), hour - 3 * 3600);

        List<MeterEventSummary> hourly = stripe.v1().billing().meters().eventSummaries().list(meter.getId(),
                MeterEventSummaryListParams.builder().setCustomer(customer.getId()).setStartTime(hour - 4 * 3600)
                        .setEndTime(hour).setValueGroupingWindow(MeterEventSummaryListParams.ValueGroupingWindow.HOUR)
                        .build()).getData();

        assertThat(hourly).extracting(MeterEventSummary::getStartTime).containsExactly(hour - 3600,
                hour - 3 * 3600);
        assertThat(hourly).extracting(MeterEventSummary::getAggregatedValue).usingElementComparator(
                BigDecimal::compareTo).containsExactly(new BigDecimal("10"), new BigDecimal("5"));
        assertThatThrownBy(() -> stripe.v1().billing().meters().eventSummaries().list(meter.getId(),
                MeterEventSummaryListParams.builder().setCustomer(customer.getId()).setStartTime(hour - 60)
                        .setEndTime(hour).setValueGroupingWindow(MeterEventSummaryListParams.ValueGroupingWindow.HOUR)
                        .build())).isInstanceOf(InvalidRequestException.class);
    }
}
