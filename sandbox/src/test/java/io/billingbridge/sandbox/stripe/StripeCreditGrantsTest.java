package io.billingbridge.sandbox.stripe;

import static io.billingbridge.sandbox.stripe.StripeTestSupport.client;
import static io.billingbridge.sandbox.stripe.StripeTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.Subscription;
import com.stripe.model.billing.CreditBalanceSummary;
import com.stripe.model.billing.CreditBalanceTransaction;
import com.stripe.model.billing.CreditGrant;
import com.stripe.model.billing.Meter;
import com.stripe.model.checkout.Session;
import com.stripe.param.PriceCreateParams;
import com.stripe.param.billing.CreditBalanceSummaryRetrieveParams;
import com.stripe.param.billing.CreditGrantCreateParams;
import com.stripe.param.billing.CreditGrantListParams;
import com.stripe.param.billing.MeterCreateParams;
import com.stripe.param.billing.MeterEventCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Billing credit grants drawn by the metered usage on an invoice, and the customer's credit balance. */
class StripeCreditGrantsTest {

    private static StripeEmulator emulator;
    private static StripeClient stripe;
    private static Meter meter;
    private static Price base;
    private static Price perCall;

    @BeforeAll
    static void start() throws StripeException {
        emulator = StripeEmulator.start(StripeEmulatorConfig.builder()
                .clock(Clock.fixed(Instant.parse("2026-03-01T00:00:00Z"), ZoneOffset.UTC)).build());
        stripe = client(emulator);
        meter = StripeMetersTest.meter(stripe, unique("tokens"), MeterCreateParams.DefaultAggregation.Formula.SUM);
        Product product = StripeTestSupport.product(stripe, "Tokens");
        base = StripeTestSupport.monthly(stripe, product.getId(), 2000);
        perCall = stripe.v1().prices().create(PriceCreateParams.builder().setProduct(product.getId())
                .setCurrency("usd").setUnitAmount(3L).setRecurring(PriceCreateParams.Recurring.builder()
                        .setInterval(PriceCreateParams.Recurring.Interval.MONTH)
                        .setUsageType(PriceCreateParams.Recurring.UsageType.METERED).setMeter(meter.getId()).build())
                .build());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static Subscription subscribe(Customer customer) throws StripeException {
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION).setCustomer(customer.getId())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(base.getId()).setQuantity(1L).build())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(perCall.getId()).build())
                .setSuccessUrl("https://app.example/success").build());
        emulator.completeCheckout(session.getId(), "4242424242424242");
        return stripe.v1().subscriptions().retrieve(stripe.v1().checkout().sessions().retrieve(session.getId())
                .getSubscription());
    }

    private static CreditGrantCreateParams.Builder grant(Customer customer, long value) {
        return CreditGrantCreateParams.builder().setCustomer(customer.getId())
                .setAmount(CreditGrantCreateParams.Amount.builder().setType(CreditGrantCreateParams.Amount.Type
                        .MONETARY).setMonetary(CreditGrantCreateParams.Amount.Monetary.builder().setCurrency("usd")
                        .setValue(value).build()).build())
                .setApplicabilityConfig(CreditGrantCreateParams.ApplicabilityConfig.builder().setScope(
                        CreditGrantCreateParams.ApplicabilityConfig.Scope.builder().setPriceType(
                                CreditGrantCreateParams.ApplicabilityConfig.Scope.PriceType.METERED).build())
                        .build());
    }

    private static void use(Customer customer, long units) throws StripeException {
        stripe.v1().billing().meterEvents().create(MeterEventCreateParams.builder()
                .setEventName(meter.getEventName()).putPayload("stripe_customer_id", customer.getId())
                .putPayload("value", Long.toString(units)).setIdentifier(unique("use")).build());
    }

    private static Invoice renew(Subscription subscription) throws StripeException {
        long end = stripe.v1().subscriptions().retrieve(subscription.getId()).getItems().getData().get(0)
                .getCurrentPeriodEnd();
        emulator.advanceClock(Duration.ofSeconds(end - emulator.now() + 1));
        return stripe.v1().invoices().retrieve(stripe.v1().subscriptions().retrieve(subscription.getId())
                .getLatestInvoice());
    }

    private static long available(Customer customer) throws StripeException {
        CreditBalanceSummary summary = stripe.v1().billing().creditBalanceSummary().retrieve(
                CreditBalanceSummaryRetrieveParams.builder().setCustomer(customer.getId()).setFilter(
                        CreditBalanceSummaryRetrieveParams.Filter.builder().setType(
                                CreditBalanceSummaryRetrieveParams.Filter.Type.APPLICABILITY_SCOPE).build()).build());
        return summary.getBalances().isEmpty() ? 0
                : summary.getBalances().get(0).getAvailableBalance().getMonetary().getValue();
    }

    private static InvoiceLineItem lineFor(Invoice invoice, Price price) {
        return invoice.getLines().getData().stream().filter(line -> price.getId().equals(line.getPricing()
                .getPriceDetails().getPrice())).findFirst().orElseThrow();
    }

    @Test
    void grantIsCreatedWithStripesDefaultsListedAndCountedInTheBalance() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("grant") + "@example.com");

        CreditGrant grant = stripe.v1().billing().creditGrants().create(grant(customer, 1500).setName("Pack")
                .build());

        assertThat(grant.getId()).startsWith("credgr_");
        assertThat(grant.getObject()).isEqualTo("billing.credit_grant");
        assertThat(grant.getCategory()).isEqualTo("paid");
        assertThat(grant.getPriority()).isEqualTo(50);
        assertThat(grant.getEffectiveAt()).isEqualTo(emulator.now());
        assertThat(grant.getExpiresAt()).isNull();
        assertThat(grant.getAmount().getMonetary().getValue()).isEqualTo(1500);
        assertThat(grant.getApplicabilityConfig().getScope().getPriceType()).isEqualTo("metered");
        assertThat(grant.getCustomer()).isEqualTo(customer.getId());
        assertThat(stripe.v1().billing().creditGrants().list(CreditGrantListParams.builder()
                .setCustomer(customer.getId()).build()).getData()).extracting(CreditGrant::getId)
                .containsExactly(grant.getId());
        assertThat(available(customer)).isEqualTo(1500);

        stripe.v1().billing().creditGrants().voidGrant(grant.getId());
        assertThat(available(customer)).isZero();
    }

    @Test
    void grantsAreRefusedWithoutAScopeOrForALicensedPriceOrOutOfPriorityRange() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("bad") + "@example.com");

        assertThatThrownBy(() -> stripe.v1().billing().creditGrants().create(grant(customer, 100)
                .setApplicabilityConfig(CreditGrantCreateParams.ApplicabilityConfig.builder().setScope(
                        CreditGrantCreateParams.ApplicabilityConfig.Scope.builder().addPrice(
                                CreditGrantCreateParams.ApplicabilityConfig.Scope.Price.builder()
                                        .setId(base.getId()).build()).build()).build()).build()))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> stripe.v1().billing().creditGrants().create(grant(customer, 100).setPriority(101L)
                .build())).isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getStripeError().getParam()).isEqualTo("priority"));
        assertThatThrownBy(() -> stripe.v1().billing().creditGrants().create(grant(customer, 0).build()))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void creditsPayForMeteredUsagePromotionalFirstAndLeaveTheLicensedPriceCharged() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("credits") + "@example.com");
        Subscription subscription = subscribe(customer);
        CreditGrant paid = stripe.v1().billing().creditGrants().create(grant(customer, 5000).build());
        CreditGrant promotional = stripe.v1().billing().creditGrants().create(grant(customer, 1000)
                .setCategory(CreditGrantCreateParams.Category.PROMOTIONAL).build());
        CreditGrant later = stripe.v1().billing().creditGrants().create(grant(customer, 9000)
                .setEffectiveAt(emulator.now() + Duration.ofDays(90).getSeconds()).build());
        use(customer, 600);
        use(customer, 400);

        Invoice renewal = renew(subscription);

        InvoiceLineItem usage = lineFor(renewal, perCall);
        assertThat(usage.getAmount()).isEqualTo(3000);
        assertThat(usage.getPretaxCreditAmounts()).extracting(InvoiceLineItem.PretaxCreditAmount::getAmount)
                .containsExactly(1000L, 2000L);
        assertThat(lineFor(renewal, base).getPretaxCreditAmounts()).isEmpty();
        assertThat(renewal.getSubtotal()).isEqualTo(5000);
        assertThat(renewal.getTotal()).isEqualTo(2000);
        assertThat(renewal.getAmountPaid()).isEqualTo(2000);
        assertThat(renewal.getTotalPretaxCreditAmounts()).extracting(Invoice.TotalPretaxCreditAmount::getAmount)
                .containsExactly(1000L, 2000L);
        CreditBalanceTransaction first = stripe.v1().billing().creditBalanceTransactions().retrieve(
                usage.getPretaxCreditAmounts().get(0).getCreditBalanceTransaction());
        assertThat(first.getCreditGrant()).isEqualTo(promotional.getId());
        assertThat(first.getDebit().getCreditsApplied().getInvoice()).isEqualTo(renewal.getId());
        CreditBalanceTransaction second = stripe.v1().billing().creditBalanceTransactions().retrieve(
                usage.getPretaxCreditAmounts().get(1).getCreditBalanceTransaction());
        assertThat(second.getCreditGrant()).isEqualTo(paid.getId());
        assertThat(available(customer)).isEqualTo(3000);

        use(customer, 2000);
        Invoice next = renew(subscription);
        assertThat(lineFor(next, perCall).getAmount()).isEqualTo(6000);
        assertThat(next.getAmountPaid()).isEqualTo(2000 + 6000 - 3000);
        assertThat(available(customer)).isZero();
        assertThat(stripe.v1().billing().creditGrants().retrieve(later.getId()).getEffectiveAt())
                .isGreaterThan(emulator.now());
    }
}
