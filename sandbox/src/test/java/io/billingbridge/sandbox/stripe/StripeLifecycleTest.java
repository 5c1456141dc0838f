package io.billingbridge.sandbox.stripe;

import static io.billingbridge.sandbox.stripe.StripeTestSupport.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.stripe.StripeClient;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.Invoice;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.Subscription;
import com.stripe.model.billingportal.Configuration;
import com.stripe.model.billingportal.Session;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.SubscriptionResumeParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.billingportal.ConfigurationCreateParams;
import com.stripe.param.billingportal.ConfigurationListParams;
import com.stripe.param.billingportal.ConfigurationUpdateParams;
import com.stripe.param.billingportal.SessionCreateParams;
import com.stripe.param.common.EmptyParam;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Pause collection, resume, portal configurations and portal flows, through stripe-java. */
class StripeLifecycleTest {

    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private static StripeEmulator emulator;
    private static StripeClient stripe;
    private static Product basic;
    private static Price basicMonthly;
    private static Product team;
    private static Price teamMonthly;

    @BeforeAll
    static void start() throws StripeException {
        emulator = StripeEmulator.start(StripeEmulatorConfig.builder().build());
        stripe = client(emulator);
        basic = StripeTestSupport.product(stripe, "Basic");
        basicMonthly = StripeTestSupport.monthly(stripe, basic.getId(), 1000);
        team = StripeTestSupport.product(stripe, "Team");
        teamMonthly = StripeTestSupport.monthly(stripe, team.getId(), 5000);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static Subscription subscribe(Price price) throws StripeException {
        com.stripe.model.checkout.Session session = stripe.v1().checkout().sessions().create(
                StripeTestSupport.subscriptionCheckout(price.getId(), 1).build());
        emulator.completeCheckout(session.getId(), "4242424242424242");
        return stripe.v1().subscriptions().retrieve(stripe.v1().checkout().sessions().retrieve(session.getId())
                .getSubscription());
    }

    private static Invoice latestInvoice(Subscription subscription) throws StripeException {
        return stripe.v1().invoices().retrieve(stripe.v1().subscriptions().retrieve(subscription.getId())
                .getLatestInvoice());
    }

    @Test
    void pausedCollectionKeepsRenewalInvoicesAsDraftsAndResumesAtTheGivenTime() throws Exception {
        Subscription subscription = subscribe(basicMonthly);
        long resumesAt = emulator.now() + Duration.ofDays(45).toSeconds();
        Subscription paused = stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams
                .builder().setPauseCollection(SubscriptionUpdateParams.PauseCollection.builder()
                        .setBehavior(SubscriptionUpdateParams.PauseCollection.Behavior.KEEP_AS_DRAFT)
                        .setResumesAt(resumesAt).build()).build());
        assertThat(paused.getPauseCollection().getBehavior()).isEqualTo("keep_as_draft");
        assertThat(paused.getPauseCollection().getResumesAt()).isEqualTo(resumesAt);

        emulator.advanceClock(Duration.ofDays(32));
        Invoice renewal = latestInvoice(subscription);
        assertThat(renewal.getStatus()).isEqualTo("draft");
        assertThat(renewal.getAmountPaid()).isZero();
        assertThat(stripe.v1().subscriptions().retrieve(subscription.getId()).getStatus()).isEqualTo("active");

        emulator.advanceClock(Duration.ofDays(14));
        assertThat(stripe.v1().subscriptions().retrieve(subscription.getId()).getPauseCollection()).isNull();
    }

    @Test
    void pausedCollectionMarksUncollectibleOrVoidsRenewalInvoicesAndClearsWithAnEmptyString() throws Exception {
        Subscription uncollectible = subscribe(basicMonthly);
        Subscription voided = subscribe(basicMonthly);
        stripe.v1().subscriptions().update(uncollectible.getId(), SubscriptionUpdateParams.builder()
                .setPauseCollection(SubscriptionUpdateParams.PauseCollection.builder()
                        .setBehavior(SubscriptionUpdateParams.PauseCollection.Behavior.MARK_UNCOLLECTIBLE).build())
                .build());
        stripe.v1().subscriptions().update(voided.getId(), SubscriptionUpdateParams.builder()
                .setPauseCollection(SubscriptionUpdateParams.PauseCollection.builder()
                        .setBehavior(SubscriptionUpdateParams.PauseCollection.Behavior.VOID).build()).build());

        emulator.advanceClock(Duration.ofDays(32));
        assertThat(latestInvoice(uncollectible).getStatus()).isEqualTo("uncollectible");
        assertThat(latestInvoice(voided).getStatus()).isEqualTo("void");

        Subscription cleared = stripe.v1().subscriptions().update(voided.getId(), SubscriptionUpdateParams.builder()
                .setPauseCollection(EmptyParam.EMPTY).build());
        assertThat(cleared.getPauseCollection()).isNull();
        emulator.advanceClock(Duration.ofDays(31));
        assertThat(latestInvoice(voided).getStatus()).isEqualTo("paid");
    }

    @Test
    void pauseCollectionNeedsAKnownBehavior() throws Exception {
        Subscription subscription = subscribe(basicMonthly);
        assertThatThrownBy(() -> stripe.v1().subscriptions().update(subscription.getId(),
                SubscriptionUpdateParams.builder().putExtraParam("pause_collection", Map.of("behavior", "sometimes"))
                        .build()))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getStripeError().getParam()).isEqualTo("pause_collection[behavior]"));
    }

    @Test
    void pausedTrialIsResumedWithANewPeriodAndOnlyAPausedOneCanBe() throws Exception {
        com.stripe.model.checkout.Session checkout = stripe.v1().checkout().sessions().create(
                StripeTestSupport.subscriptionCheckout(basicMonthly.getId(), 1).setSubscriptionData(
                        com.stripe.param.checkout.SessionCreateParams.SubscriptionData.builder()
                                .setTrialPeriodDays(7L).build()).build());
        emulator.completeCheckout(checkout.getId(), "4242424242424242");
        Subscription subscription = stripe.v1().subscriptions().retrieve(stripe.v1().checkout().sessions()
                .retrieve(checkout.getId()).getSubscription());
        assertThatThrownBy(() -> stripe.v1().subscriptions().resume(subscription.getId()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("is not paused");

        stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder()
                .setTrialSettings(SubscriptionUpdateParams.TrialSettings.builder().setEndBehavior(
                        SubscriptionUpdateParams.TrialSettings.EndBehavior.builder().setMissingPaymentMethod(
                                SubscriptionUpdateParams.TrialSettings.EndBehavior.MissingPaymentMethod.PAUSE)
                                .build()).build()).build());
        stripe.v1().paymentMethods().detach(subscription.getDefaultPaymentMethod());
        emulator.advanceClock(Duration.ofDays(8));
        assertThat(stripe.v1().subscriptions().retrieve(subscription.getId()).getStatus()).isEqualTo("paused");

        com.stripe.model.checkout.Session setup = stripe.v1().checkout().sessions().create(
                com.stripe.param.checkout.SessionCreateParams.builder()
                        .setMode(com.stripe.param.checkout.SessionCreateParams.Mode.SETUP)
                        .setCustomer(subscription.getCustomer()).setCurrency("usd")
                        .setSuccessUrl("https://app.example/ok").build());
        emulator.completeCheckout(setup.getId(), "4242424242424242");
        String card = stripe.v1().setupIntents().retrieve(stripe.v1().checkout().sessions().retrieve(setup.getId())
                .getSetupIntent()).getPaymentMethod();
        stripe.v1().subscriptions().update(subscription.getId(), SubscriptionUpdateParams.builder()
                .setDefaultPaymentMethod(card).build());

        long now = emulator.now();
        Subscription resumed = stripe.v1().subscriptions().resume(subscription.getId(), SubscriptionResumeParams
                .builder().setBillingCycleAnchor(SubscriptionResumeParams.BillingCycleAnchor.NOW).build());
        assertThat(resumed.getStatus()).isEqualTo("active");
        assertThat(resumed.getItems().getData().get(0).getCurrentPeriodStart()).isEqualTo(now);
        assertThat(latestInvoice(resumed).getStatus()).isEqualTo("paid");
        assertThat(stripe.v1().events().list(com.stripe.param.EventListParams.builder()
                .setType("customer.subscription.resumed").build()).getData()).isNotEmpty();
    }

    private static ConfigurationCreateParams.Features.SubscriptionUpdate.Product product(Product product,
            Price price) {
        return ConfigurationCreateParams.Features.SubscriptionUpdate.Product.builder().setProduct(product.getId())
                .addPrice(price.getId()).build();
    }

    private static Configuration basicOnly(ConfigurationCreateParams.Features.SubscriptionCancel.Mode mode)
            throws StripeException {
        return stripe.v1().billingPortal().configurations().create(ConfigurationCreateParams.builder()
                .setBusinessProfile(ConfigurationCreateParams.BusinessProfile.builder().setHeadline("Basic things")
                        .build())
                .setDefaultReturnUrl("https://app.example/billing")
                .putMetadata("billing_bridge_owner_type", "user")
                .setFeatures(ConfigurationCreateParams.Features.builder()
                        .setInvoiceHistory(ConfigurationCreateParams.Features.InvoiceHistory.builder()
                                .setEnabled(true).build())
                        .setPaymentMethodUpdate(ConfigurationCreateParams.Features.PaymentMethodUpdate.builder()
                                .setEnabled(true).build())
                        .setSubscriptionCancel(ConfigurationCreateParams.Features.SubscriptionCancel.builder()
                                .setEnabled(true).setMode(mode).build())
                        .setSubscriptionUpdate(ConfigurationCreateParams.Features.SubscriptionUpdate.builder()
                                .setEnabled(true)
                                .addDefaultAllowedUpdate(ConfigurationCreateParams.Features.SubscriptionUpdate
                                        .DefaultAllowedUpdate.PRICE)
                                .addProduct(product(basic, basicMonthly))
                                .setProrationBehavior(ConfigurationCreateParams.Features.SubscriptionUpdate
                                        .ProrationBehavior.CREATE_PRORATIONS).build())
                        .build()).build());
    }

    @Test
    void portalConfigurationsAreCreatedUpdatedRetrievedAndListedByMetadata() throws Exception {
        Configuration created = basicOnly(ConfigurationCreateParams.Features.SubscriptionCancel.Mode.AT_PERIOD_END);
        assertThat(created.getIsDefault()).isFalse();
        assertThat(created.getActive()).isTrue();
        assertThat(created.getFeatures().getCustomerUpdate().getEnabled()).isFalse();
        assertThat(created.getFeatures().getSubscriptionUpdate().getProducts()).singleElement()
                .satisfies(p -> assertThat(p.getPrices()).containsExactly(basicMonthly.getId()));
        assertThat(created.getBusinessProfile().getHeadline()).isEqualTo("Basic things");

        Configuration updated = stripe.v1().billingPortal().configurations().update(created.getId(),
                ConfigurationUpdateParams.builder().setFeatures(ConfigurationUpdateParams.Features.builder()
                        .setSubscriptionCancel(ConfigurationUpdateParams.Features.SubscriptionCancel.builder()
                                .setMode(ConfigurationUpdateParams.Features.SubscriptionCancel.Mode.IMMEDIATELY)
                                .build()).build()).putMetadata("version", "2").build());
        assertThat(updated.getFeatures().getSubscriptionCancel().getMode()).isEqualTo("immediately");
        assertThat(updated.getFeatures().getSubscriptionUpdate().getProducts()).hasSize(1);
        assertThat(updated.getMetadata()).containsEntry("billing_bridge_owner_type", "user")
                .containsEntry("version", "2");
        assertThat(stripe.v1().billingPortal().configurations().retrieve(created.getId()).getMetadata())
                .containsEntry("version", "2");

        Configuration inactive = stripe.v1().billingPortal().configurations().update(created.getId(),
                ConfigurationUpdateParams.builder().setActive(false).build());
        assertThat(inactive.getActive()).isFalse();
        List<Configuration> active = stripe.v1().billingPortal().configurations().list(ConfigurationListParams
                .builder().setActive(true).setLimit(100L).build()).getData();
        assertThat(active).extracting(Configuration::getId).doesNotContain(created.getId());
        assertThatThrownBy(() -> stripe.v1().billingPortal().sessions().create(SessionCreateParams.builder()
                .setCustomer(StripeTestSupport.customer(stripe, "x@example.com").getId())
                .setConfiguration(created.getId()).build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("inactive");
    }

    @Test
    void portalConfigurationRefusesAPriceOfAnotherProductAndAMissingProductList() {
        assertThatThrownBy(() -> stripe.v1().billingPortal().configurations().create(ConfigurationCreateParams
                .builder().setFeatures(ConfigurationCreateParams.Features.builder()
                        .setSubscriptionUpdate(ConfigurationCreateParams.Features.SubscriptionUpdate.builder()
                                .setEnabled(true).addDefaultAllowedUpdate(ConfigurationCreateParams.Features
                                        .SubscriptionUpdate.DefaultAllowedUpdate.PRICE)
                                .addProduct(product(basic, teamMonthly)).build()).build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStripeError().getParam())
                        .isEqualTo("features[subscription_update][products][0][prices][0]"));
        assertThatThrownBy(() -> stripe.v1().billingPortal().configurations().create(ConfigurationCreateParams
                .builder().setFeatures(ConfigurationCreateParams.Features.builder()
                        .setSubscriptionUpdate(ConfigurationCreateParams.Features.SubscriptionUpdate.builder()
                                .setEnabled(true).addDefaultAllowedUpdate(ConfigurationCreateParams.Features
                                        .SubscriptionUpdate.DefaultAllowedUpdate.PRICE).build()).build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStripeError().getParam())
                        .isEqualTo("features[subscription_update][products]"));
    }

    @Test
    void hostedPortalOffersOnlyTheConfiguredPricesAndRefusesOthers() throws Exception {
        Configuration configuration = basicOnly(
                ConfigurationCreateParams.Features.SubscriptionCancel.Mode.AT_PERIOD_END);
        Subscription subscription = subscribe(basicMonthly);
        Session session = stripe.v1().billingPortal().sessions().create(SessionCreateParams.builder()
                .setCustomer(subscription.getCustomer()).setConfiguration(configuration.getId()).build());
        String page = get(session.getUrl()).body();
        assertThat(page).contains(basicMonthly.getId()).doesNotContain(teamMonthly.getId()).contains("Invoice history");

        HttpResponse<String> refused = post(session.getUrl() + "/subscriptions/" + subscription.getId() + "/price",
                "price", teamMonthly.getId());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(stripe.v1().subscriptions().retrieve(subscription.getId()).getItems().getData().get(0).getPrice()
                .getId()).isEqualTo(basicMonthly.getId());
    }

    @Test
    void cancelFlowOpensOnThatStepCancelsAsConfiguredAndRedirects() throws Exception {
        Configuration configuration = basicOnly(ConfigurationCreateParams.Features.SubscriptionCancel.Mode.IMMEDIATELY);
        Subscription subscription = subscribe(basicMonthly);
        Session session = stripe.v1().billingPortal().sessions().create(SessionCreateParams.builder()
                .setCustomer(subscription.getCustomer()).setConfiguration(configuration.getId())
                .setFlowData(SessionCreateParams.FlowData.builder()
                        .setType(SessionCreateParams.FlowData.Type.SUBSCRIPTION_CANCEL)
                        .setSubscriptionCancel(SessionCreateParams.FlowData.SubscriptionCancel.builder()
                                .setSubscription(subscription.getId()).build())
                        .setAfterCompletion(SessionCreateParams.FlowData.AfterCompletion.builder()
                                .setType(SessionCreateParams.FlowData.AfterCompletion.Type.REDIRECT)
                                .setRedirect(SessionCreateParams.FlowData.AfterCompletion.Redirect.builder()
                                        .setReturnUrl("https://app.example/cancelled").build()).build())
                        .build()).build());
        assertThat(session.getFlow().getType()).isEqualTo("subscription_cancel");
        assertThat(session.getFlow().getSubscriptionCancel().getSubscription()).isEqualTo(subscription.getId());
        assertThat(session.getFlow().getAfterCompletion().getRedirect().getReturnUrl())
                .isEqualTo("https://app.example/cancelled");
        String page = get(session.getUrl()).body();
        assertThat(page).contains("data-flow=\"subscription_cancel\"").contains("Cancel subscription now")
                .doesNotContain("Switch plan").doesNotContain("Invoice history");

        HttpResponse<String> done = post(session.getUrl() + "/subscriptions/" + subscription.getId() + "/cancel");
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).contains("https://app.example/cancelled");
        assertThat(stripe.v1().subscriptions().retrieve(subscription.getId()).getStatus()).isEqualTo("canceled");
    }

    @Test
    void flowDataIsValidatedAsStripeDoes() throws Exception {
        Configuration configuration = basicOnly(
                ConfigurationCreateParams.Features.SubscriptionCancel.Mode.AT_PERIOD_END);
        Subscription mine = subscribe(basicMonthly);
        Subscription theirs = subscribe(basicMonthly);
        assertThatThrownBy(() -> stripe.v1().billingPortal().sessions().create(SessionCreateParams.builder()
                .setCustomer(mine.getCustomer()).setConfiguration(configuration.getId())
                .setFlowData(SessionCreateParams.FlowData.builder()
                        .setType(SessionCreateParams.FlowData.Type.SUBSCRIPTION_CANCEL).build()).build()))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.getStripeError().getParam())
                        .isEqualTo("flow_data[subscription_cancel][subscription]"));
        assertThatThrownBy(() -> stripe.v1().billingPortal().sessions().create(SessionCreateParams.builder()
                .setCustomer(mine.getCustomer()).setConfiguration(configuration.getId())
                .setFlowData(SessionCreateParams.FlowData.builder()
                        .setType(SessionCreateParams.FlowData.Type.SUBSCRIPTION_UPDATE)
                        .setSubscriptionUpdate(SessionCreateParams.FlowData.SubscriptionUpdate.builder()
                                .setSubscription(theirs.getId()).build()).build()).build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("does not belong");
        assertThatThrownBy(() -> stripe.v1().billingPortal().sessions().create(SessionCreateParams.builder()
                .setCustomer(mine.getCustomer()).setConfiguration(configuration.getId())
                .setFlowData(SessionCreateParams.FlowData.builder()
                        .setType(SessionCreateParams.FlowData.Type.SUBSCRIPTION_UPDATE_CONFIRM)
                        .setSubscriptionUpdateConfirm(SessionCreateParams.FlowData.SubscriptionUpdateConfirm.builder()
                                .setSubscription(mine.getId())
                                .addItem(SessionCreateParams.FlowData.SubscriptionUpdateConfirm.Item.builder()
                                        .setId(mine.getItems().getData().get(0).getId())
                                        .setPrice(teamMonthly.getId()).build()).build()).build()).build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("not one of the prices");
        Configuration noPaymentMethods = stripe.v1().billingPortal().configurations().create(
                ConfigurationCreateParams.builder().setFeatures(ConfigurationCreateParams.Features.builder()
                        .setInvoiceHistory(ConfigurationCreateParams.Features.InvoiceHistory.builder()
                                .setEnabled(true).build()).build()).build());
        assertThatThrownBy(() -> stripe.v1().billingPortal().sessions().create(SessionCreateParams.builder()
                .setCustomer(mine.getCustomer()).setConfiguration(noPaymentMethods.getId())
                .setFlowData(SessionCreateParams.FlowData.builder()
                        .setType(SessionCreateParams.FlowData.Type.PAYMENT_METHOD_UPDATE).build()).build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("payment_method_update");
    }

    @Test
    void paymentMethodFlowShowsOnlyThePaymentMethods() throws Exception {
        Configuration configuration = basicOnly(
                ConfigurationCreateParams.Features.SubscriptionCancel.Mode.AT_PERIOD_END);
        Subscription subscription = subscribe(basicMonthly);
        Session session = stripe.v1().billingPortal().sessions().create(SessionCreateParams.builder()
                .setCustomer(subscription.getCustomer()).setConfiguration(configuration.getId())
                .setFlowData(SessionCreateParams.FlowData.builder()
                        .setType(SessionCreateParams.FlowData.Type.PAYMENT_METHOD_UPDATE).build()).build());
        assertThat(session.getFlow().getAfterCompletion().getType()).isEqualTo("portal_homepage");
        String page = get(session.getUrl()).body();
        assertThat(page).contains("Payment methods").contains("Add card").doesNotContain("Cancel subscription")
                .doesNotContain("Invoice history");
        assertThat(stripe.v1().invoices().list(InvoiceListParams.builder().setCustomer(subscription.getCustomer())
                .build()).getData()).hasSize(1);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return BROWSER.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String... fields) throws Exception {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            form.append(form.length() == 0 ? "" : "&").append(fields[i]).append('=')
                    .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return BROWSER.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
