package io.billingbridge.sandbox.stripe;

import static io.billingbridge.sandbox.stripe.StripeTestSupport.client;
import static io.billingbridge.sandbox.stripe.StripeTestSupport.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Charge;
import com.stripe.model.Customer;
import com.stripe.model.Invoice;
import com.stripe.model.InvoicePayment;
import com.stripe.model.LineItem;
import com.stripe.model.PaymentIntent;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.checkout.Session;
import com.stripe.model.entitlements.ActiveEntitlement;
import com.stripe.model.entitlements.ActiveEntitlementSummary;
import com.stripe.model.entitlements.Feature;
import com.stripe.param.ChargeListParams;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.EventListParams;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.InvoicePaymentListParams;
import com.stripe.param.PaymentIntentListParams;
import com.stripe.param.PaymentMethodAttachParams;
import com.stripe.param.PaymentMethodListParams;
import com.stripe.param.ProductFeatureCreateParams;
import com.stripe.param.SubscriptionCancelParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.SubscriptionRetrieveParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionListParams;
import com.stripe.param.checkout.SessionRetrieveParams;
import com.stripe.param.entitlements.ActiveEntitlementListParams;
import com.stripe.param.entitlements.FeatureCreateParams;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StripeBillingFlowTest {

    private static StripeEmulator emulator;
    private static StripeClient stripe;
    private static Product product;
    private static Price monthly;
    private static Price premium;
    private static Price oneTime;
    private static Feature feature;

    @BeforeAll
    static void start() throws StripeException {
        emulator = StripeEmulator.start(StripeEmulatorConfig.builder().build());
        stripe = client(emulator);
        product = StripeTestSupport.product(stripe, "Pro");
        monthly = StripeTestSupport.monthly(stripe, product.getId(), 2000);
        premium = StripeTestSupport.monthly(stripe, StripeTestSupport.product(stripe, "Premium").getId(), 5000);
        oneTime = StripeTestSupport.oneTime(stripe, product.getId(), 4900);
        feature = stripe.v1().entitlements().features().create(FeatureCreateParams.builder().setName("Pro")
                .setLookupKey(unique("pro")).build());
        stripe.v1().products().features().create(product.getId(), ProductFeatureCreateParams.builder()
                .setEntitlementFeature(feature.getId()).build());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static Subscription subscribe(Customer customer, long quantity) throws StripeException {
        Session session = stripe.v1().checkout().sessions().create(StripeTestSupport.subscriptionCheckout(
                monthly.getId(), quantity).setCustomer(customer.getId()).build());
        emulator.completeCheckout(session.getId(), "4242424242424242");
        return stripe.v1().subscriptions().retrieve(stripe.v1().checkout().sessions().retrieve(session.getId())
                .getSubscription());
    }

    @Test
    void subscriptionCheckoutCreatesWhatStripeWould() throws StripeException {
        String reference = unique("user");
        Session session = stripe.v1().checkout().sessions().create(StripeTestSupport.subscriptionCheckout(
                monthly.getId(), 3)
                .setClientReferenceId(reference).putMetadata("owner", reference)
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder().putMetadata("owner", reference)
                        .build())
                .setAllowPromotionCodes(true)
                .setAutomaticTax(SessionCreateParams.AutomaticTax.builder().setEnabled(true).build())
                .setCustomerEmail(reference + "@example.com")
                .build());
        assertThat(session.getId()).startsWith("cs_test_");
        assertThat(session.getUrl()).isEqualTo(emulator.baseUrl() + "/checkout/" + session.getId());
        assertThat(session.getStatus()).isEqualTo("open");
        assertThat(session.getAmountTotal()).isEqualTo(6000L);
        assertThat(session.getAllowPromotionCodes()).isTrue();
        assertThat(session.getAutomaticTax().getEnabled()).isTrue();

        String redirect = emulator.completeCheckout(session.getId(), "4242 4242 4242 4242");
        assertThat(redirect).isEqualTo("https://app.example/success?session=" + session.getId());

        Session paid = stripe.v1().checkout().sessions().retrieve(session.getId(), SessionRetrieveParams.builder()
                .addExpand("subscription").addExpand("customer").addExpand("line_items").build());
        assertThat(paid.getStatus()).isEqualTo("complete");
        assertThat(paid.getPaymentStatus()).isEqualTo("paid");
        assertThat(paid.getClientReferenceId()).isEqualTo(reference);
        assertThat(paid.getCustomerObject().getEmail()).isEqualTo(reference + "@example.com");
        assertThat(paid.getLineItems().getData()).extracting(LineItem::getQuantity).containsExactly(3L);
        Subscription subscription = paid.getSubscriptionObject();
        assertThat(subscription.getStatus()).isEqualTo("active");
        assertThat(subscription.getMetadata()).containsEntry("owner", reference);
        SubscriptionItem item = subscription.getItems().getData().get(0);
        assertThat(item.getPrice().getId()).isEqualTo(monthly.getId());
        assertThat(item.getQuantity()).isEqualTo(3L);
        assertThat(item.getCurrentPeriodEnd()).isGreaterThan(item.getCurrentPeriodStart());

        String customer = paid.getCustomer();
        Invoice invoice = stripe.v1().invoices().retrieve(subscription.getLatestInvoice());
        assertThat(invoice.getStatus()).isEqualTo("paid");
        assertThat(invoice.getAmountPaid()).isEqualTo(6000L);
        assertThat(invoice.getBillingReason()).isEqualTo("subscription_create");
        assertThat(invoice.getLines().getData()).hasSize(1);
        assertThat(stripe.v1().invoices().list(InvoiceListParams.builder().setCustomer(customer).build())
                .getData()).extracting(Invoice::getId).containsExactly(invoice.getId());
        PaymentIntent intent = stripe.v1().paymentIntents().list(PaymentIntentListParams.builder()
                .setCustomer(customer).build()).getData().get(0);
        assertThat(intent.getStatus()).isEqualTo("succeeded");
        assertThat(intent.getAmountReceived()).isEqualTo(6000L);
        Charge charge = stripe.v1().charges().list(ChargeListParams.builder().setCustomer(customer).build())
                .getData().get(0);
        assertThat(charge.getPaymentIntent()).isEqualTo(intent.getId());
        assertThat(charge.getPaid()).isTrue();
        assertThat(stripe.v1().charges().retrieve(charge.getId()).getAmount()).isEqualTo(6000L);
        PaymentMethod card = stripe.v1().paymentMethods().list(PaymentMethodListParams.builder().setCustomer(customer)
                .build()).getData().get(0);
        assertThat(card.getCard().getLast4()).isEqualTo("4242");
        assertThat(stripe.v1().customers().paymentMethods().list(customer).getData())
                .extracting(PaymentMethod::getId).containsExactly(card.getId());
        assertThat(stripe.v1().customers().retrieve(customer).getInvoiceSettings().getDefaultPaymentMethod())
                .isEqualTo(card.getId());
        assertThat(stripe.v1().checkout().sessions().list(SessionListParams.builder().setCustomer(customer).build())
                .getData()).extracting(Session::getId).containsExactly(session.getId());
        assertThat(stripe.v1().checkout().sessions().lineItems().list(session.getId()).getData()).hasSize(1);
    }

    @Test
    void activeEntitlementsFollowActiveSubscriptions() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("ent") + "@example.com");
        ActiveEntitlementListParams params = ActiveEntitlementListParams.builder().setCustomer(customer.getId())
                .build();
        assertThat(stripe.v1().entitlements().activeEntitlements().list(params).getData()).isEmpty();
        Subscription subscription = subscribe(customer, 1);
        assertThat(stripe.v1().entitlements().activeEntitlements().list(params).getData())
                .extracting(ActiveEntitlement::getFeature).containsExactly(feature.getId());
        stripe.v1().subscriptions().cancel(subscription.getId());
        assertThat(stripe.v1().entitlements().activeEntitlements().list(params).getData()).isEmpty();
    }

    @Test
    void entitlementSummaryEventsFollowSubscriptionChanges() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("summary") + "@example.com");
        Subscription subscription = subscribe(customer, 1);
        stripe.v1().subscriptions().cancel(subscription.getId());
        List<ActiveEntitlementSummary> summaries = stripe.v1().events().list(EventListParams.builder()
                .setType("entitlements.active_entitlement_summary.updated").setLimit(100L).build()).getData().stream()
                .map(e -> (ActiveEntitlementSummary) e.getDataObjectDeserializer().getObject().orElseThrow())
                .filter(s -> s.getCustomer().equals(customer.getId())).toList();
        assertThat(summaries).hasSize(2);
        assertThat(summaries.get(1).getEntitlements().getData()).extracting(ActiveEntitlement::getFeature)
                .containsExactly(feature.getId());
        assertThat(summaries.get(0).getEntitlements().getData()).isEmpty();
    }

    @Test
    void invoicePaymentsLinkInvoicesToPaymentIntents() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("inpay") + "@example.com");
        Subscription subscription = subscribe(customer, 1);
        List<InvoicePayment> payments = stripe.v1().invoicePayments().list(InvoicePaymentListParams.builder()
                .setInvoice(subscription.getLatestInvoice()).build()).getData();
        assertThat(payments).hasSize(1);
        InvoicePayment payment = payments.get(0);
        assertThat(payment.getStatus()).isEqualTo("paid");
        PaymentIntent intent = stripe.v1().paymentIntents().retrieve(payment.getPayment().getPaymentIntent());
        assertThat(intent.getCustomer()).isEqualTo(customer.getId());
        assertThat(intent.getAmount()).isEqualTo(payment.getAmountPaid());
    }

    @Test
    void subscriptionListExcludesCanceledUnlessStatusAll() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("list") + "@example.com");
        Subscription kept = subscribe(customer, 1);
        Subscription canceled = subscribe(customer, 1);
        Subscription result = stripe.v1().subscriptions().cancel(canceled.getId(), SubscriptionCancelParams.builder()
                .setCancellationDetails(SubscriptionCancelParams.CancellationDetails.builder()
                        .setComment("too pricey").build()).build());
        assertThat(result.getStatus()).isEqualTo("canceled");
        assertThat(result.getEndedAt()).isNotNull();
        assertThat(stripe.v1().subscriptions().list(SubscriptionListParams.builder().setCustomer(customer.getId())
                .build()).getData()).extracting(Subscription::getId).containsExactly(kept.getId());
        assertThat(stripe.v1().subscriptions().list(SubscriptionListParams.builder().setCustomer(customer.getId())
                .setStatus(SubscriptionListParams.Status.ALL).build()).getData())
                .extracting(Subscription::getId).containsExactly(canceled.getId(), kept.getId());
        assertThat(stripe.v1().subscriptions().list(SubscriptionListParams.builder().setCustomer(customer.getId())
                .setStatus(SubscriptionListParams.Status.CANCELED).build()).getData())
                .extracting(Subscription::getId).containsExactly(canceled.getId());
        assertThatThrownBy(() -> stripe.v1().subscriptions().update(canceled.getId(), SubscriptionUpdateParams
                .builder().setCancelAtPeriodEnd(true).build())).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void updatesCancelAtPeriodEndPriceAndQuantity() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("upd") + "@example.com");
        Subscription subscription = subscribe(customer, 2);
        String itemId = subscription.getItems().getData().get(0).getId();
        Subscription ending = stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams
                .builder().setCancelAtPeriodEnd(true).build());
        assertThat(ending.getCancelAtPeriodEnd()).isTrue();
        assertThat(ending.getCancelAt()).isEqualTo(ending.getItems().getData().get(0).getCurrentPeriodEnd());
        assertThat(ending.getStatus()).isEqualTo("active");
        Subscription resumed = stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams
                .builder().setCancelAtPeriodEnd(false).build());
        assertThat(resumed.getCancelAtPeriodEnd()).isFalse();
        assertThat(resumed.getCancelAt()).isNull();
        Subscription switched = stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams
                .builder().addItem(SubscriptionUpdateParams.Item.builder().setId(itemId).setPrice(premium.getId())
                        .setQuantity(5L).build()).build());
        assertThat(switched.getItems().getData()).hasSize(1);
        assertThat(switched.getItems().getData().get(0).getPrice().getId()).isEqualTo(premium.getId());
        assertThat(switched.getItems().getData().get(0).getQuantity()).isEqualTo(5L);
        Subscription expanded = stripe.v1().subscriptions().retrieve(subscription.getId(),
                SubscriptionRetrieveParams.builder().addExpand("customer").addExpand("latest_invoice").build());
        assertThat(expanded.getCustomerObject().getId()).isEqualTo(customer.getId());
        assertThat(expanded.getLatestInvoiceObject().getStatus()).isEqualTo("paid");
    }

    @Test
    void updateRejectsUnknownItemAndOneTimePrice() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("bad") + "@example.com");
        Subscription subscription = subscribe(customer, 1);
        String itemId = subscription.getItems().getData().get(0).getId();
        assertThatThrownBy(() -> stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams
                .builder().addItem(SubscriptionUpdateParams.Item.builder().setId("si_nope").setQuantity(2L).build())
                .build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam())
                        .isEqualTo("items[0][id]"));
        assertThatThrownBy(() -> stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams
                .builder().addItem(SubscriptionUpdateParams.Item.builder().setId(itemId).setPrice(oneTime.getId())
                        .build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam())
                        .isEqualTo("items[0][price]"));
    }

    @Test
    void paymentModeCheckoutCreatesPaymentIntentAndCharge() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("pay") + "@example.com");
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT).setCustomer(customer.getId())
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(oneTime.getId()).setQuantity(2L).build())
                .setSuccessUrl("https://app.example/thanks").build());
        assertThat(session.getCustomerCreation()).isNull();
        emulator.completeCheckout(session.getId(), "4242424242424242");
        Session paid = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(paid.getPaymentStatus()).isEqualTo("paid");
        assertThat(paid.getSubscription()).isNull();
        PaymentIntent intent = stripe.v1().paymentIntents().retrieve(paid.getPaymentIntent());
        assertThat(intent.getAmount()).isEqualTo(9800L);
        assertThat(intent.getCustomer()).isEqualTo(customer.getId());
        assertThat(stripe.v1().charges().retrieve(intent.getLatestCharge()).getStatus()).isEqualTo("succeeded");
    }

    @Test
    void setupModeAttachesThePaymentMethod() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("setup") + "@example.com");
        Session session = stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SETUP).setCustomer(customer.getId()).setCurrency("usd")
                .setSuccessUrl("https://app.example/saved").build());
        emulator.completeCheckout(session.getId(), "5555555555554444");
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getSetupIntent()).startsWith("seti_");
        assertThat(stripe.v1().customers().paymentMethods().list(customer.getId()).getData())
                .extracting(pm -> pm.getCard().getBrand()).containsExactly("mastercard");
    }

    @Test
    void declinedCardChangesNothing() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("decl") + "@example.com");
        Session session = stripe.v1().checkout().sessions().create(StripeTestSupport.subscriptionCheckout(
                monthly.getId(), 1).setCustomer(customer.getId()).build());
        assertThatThrownBy(() -> emulator.completeCheckout(session.getId(), "4000000000000002"))
                .hasMessageContaining("declined");
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus()).isEqualTo("open");
        assertThat(stripe.v1().subscriptions().list(SubscriptionListParams.builder().setCustomer(customer.getId())
                .setStatus(SubscriptionListParams.Status.ALL).build()).getData()).isEmpty();
        assertThat(stripe.v1().customers().paymentMethods().list(customer.getId()).getData()).isEmpty();
    }

    @Test
    void checkoutValidatesLikeStripe() throws StripeException {
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(monthly.getId()).setQuantity(1L).build())
                .build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getCode()).isEqualTo("parameter_missing");
                    assertThat(e.getParam()).isEqualTo("mode");
                });
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(StripeTestSupport.subscriptionCheckout(
                "price_missing", 1).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    // A missing object named by a parameter is a bad request (400), unlike one in the URL path (404).
                    assertThat(e.getStatusCode()).isEqualTo(400);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                    assertThat(e.getParam()).isEqualTo("line_items[0][price]");
                    assertThat(e.getStripeError().getMessage()).isEqualTo("No such price: 'price_missing'");
                });
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION).addLineItem(SessionCreateParams.LineItem.builder()
                        .setPrice(monthly.getId()).build()).setSuccessUrl("https://x.example/").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam())
                        .isEqualTo("line_items[0][quantity]"));
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(StripeTestSupport.subscriptionCheckout(
                oneTime.getId(), 1).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam())
                        .isEqualTo("line_items"));
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(StripeTestSupport.subscriptionCheckout(
                monthly.getId(), 1).setCustomer("cus_missing").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam())
                        .isEqualTo("customer"));
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.PAYMENT).addLineItem(SessionCreateParams.LineItem.builder()
                        .setPrice(oneTime.getId()).setQuantity(1L).build())
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder().setTrialPeriodDays(7L).build())
                .build())).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void expiresOpenSessionsOnly() throws StripeException {
        Session session = stripe.v1().checkout().sessions().create(StripeTestSupport.subscriptionCheckout(
                monthly.getId(), 1).build());
        Session expired = stripe.v1().checkout().sessions().expire(session.getId());
        assertThat(expired.getStatus()).isEqualTo("expired");
        assertThat(expired.getUrl()).isNull();
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().expire(session.getId()))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> emulator.completeCheckout(session.getId(), "4242424242424242"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void portalSessionPointsAtTheHostedPortal() throws StripeException {
        Customer customer = StripeTestSupport.customer(stripe, unique("portal") + "@example.com");
        com.stripe.model.billingportal.Session portal = stripe.v1().billingPortal().sessions().create(
                com.stripe.param.billingportal.SessionCreateParams.builder().setCustomer(customer.getId())
                        .setReturnUrl("https://app.example/account").build());
        assertThat(portal.getUrl()).isEqualTo(emulator.baseUrl() + "/billing-portal/" + portal.getId());
        assertThat(portal.getReturnUrl()).isEqualTo("https://app.example/account");
        assertThat(portal.getConfiguration()).startsWith("bpc_");
        assertThatThrownBy(() -> stripe.v1().billingPortal().sessions().create(
                com.stripe.param.billingportal.SessionCreateParams.builder().setCustomer(customer.getId())
                        .setConfiguration("bpc_missing").build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getParam())
                        .isEqualTo("configuration"));
        assertThatThrownBy(() -> stripe.v1().billingPortal().sessions().create(
                com.stripe.param.billingportal.SessionCreateParams.builder().build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getCode())
                        .isEqualTo("parameter_missing"));
    }

    @Test
    void attachesAndDetachesTestPaymentMethods() throws StripeException {
        Customer customer = stripe.v1().customers().create(CustomerCreateParams.builder()
                .setPaymentMethod("pm_card_visa").setInvoiceSettings(CustomerCreateParams.InvoiceSettings.builder()
                        .setDefaultPaymentMethod("pm_card_visa").build()).build());
        String defaultPm = customer.getInvoiceSettings().getDefaultPaymentMethod();
        assertThat(defaultPm).startsWith("pm_");
        PaymentMethod second = stripe.v1().paymentMethods().attach("pm_card_mastercard", PaymentMethodAttachParams
                .builder().setCustomer(customer.getId()).build());
        assertThat(stripe.v1().customers().paymentMethods().list(customer.getId()).getData()).hasSize(2);
        stripe.v1().paymentMethods().detach(defaultPm);
        assertThat(stripe.v1().customers().paymentMethods().list(customer.getId()).getData())
                .extracting(PaymentMethod::getId).containsExactly(second.getId());
        assertThat(stripe.v1().customers().retrieve(customer.getId()).getInvoiceSettings().getDefaultPaymentMethod())
                .isNull();
    }
}
