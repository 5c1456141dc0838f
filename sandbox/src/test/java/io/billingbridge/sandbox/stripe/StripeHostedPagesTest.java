package io.billingbridge.sandbox.stripe;

import static io.billingbridge.sandbox.stripe.StripeTestSupport.client;
import static org.assertj.core.api.Assertions.assertThat;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.Customer;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.Subscription;
import com.stripe.model.checkout.Session;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.checkout.SessionCreateParams;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StripeHostedPagesTest {

    private static final HttpClient BROWSER = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private static StripeEmulator emulator;
    private static StripeClient stripe;
    private static Price monthly;
    private static Price premium;

    @BeforeAll
    static void start() throws StripeException {
        emulator = StripeEmulator.start(StripeEmulatorConfig.builder().build());
        stripe = client(emulator);
        Product product = StripeTestSupport.product(stripe, "Starter <b>&</b>");
        monthly = StripeTestSupport.monthly(stripe, product.getId(), 1000);
        premium = StripeTestSupport.monthly(stripe, StripeTestSupport.product(stripe, "Premium").getId(), 3000);
    }

    @AfterAll
    static void stop() {
        emulator.close();
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

    private static Session checkout(String cancelUrl) throws StripeException {
        return stripe.v1().checkout().sessions().create(SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(monthly.getId()).setQuantity(2L).build())
                .setSuccessUrl("https://app.example/done?id={CHECKOUT_SESSION_ID}").setCancelUrl(cancelUrl).build());
    }

    @Test
    void checkoutPageShowsEscapedLineItemsAndCancelLink() throws Exception {
        Session session = checkout("https://app.example/cancel?a=1&b=\"2\"");
        HttpResponse<String> page = get(session.getUrl());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("Starter &lt;b&gt;&amp;&lt;/b&gt;").doesNotContain("<b>&</b>")
                .contains("USD 10.00").contains("USD 20.00").contains("name=\"card_number\"")
                .contains("href=\"https://app.example/cancel?a=1&amp;b=&quot;2&quot;\"");
    }

    @Test
    void declinedCardShowsDeclineAndChangesNothing() throws Exception {
        Session session = checkout("https://app.example/cancel");
        HttpResponse<String> declined = post(session.getUrl(), "email", "declined@example.com", "card_number",
                "4000 0000 0000 0002");
        assertThat(declined.statusCode()).isEqualTo(402);
        assertThat(declined.body()).contains("Your card was declined.");
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getStatus()).isEqualTo("open");
        assertThat(stripe.v1().checkout().sessions().retrieve(session.getId()).getCustomer()).isNull();
        HttpResponse<String> wrong = post(session.getUrl(), "card_number", "1234");
        assertThat(wrong.statusCode()).isEqualTo(402);
        assertThat(wrong.body()).contains("Your card number is incorrect.");
    }

    @Test
    void payingRedirectsToSuccessUrlAndCreatesTheCustomer() throws Exception {
        Session session = checkout("https://app.example/cancel");
        HttpResponse<String> paid = post(session.getUrl(), "email", "buyer@example.com", "name", "Buyer",
                "card_number", "4242 4242 4242 4242");
        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("Location"))
                .hasValue("https://app.example/done?id=" + session.getId());
        Session completed = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(completed.getStatus()).isEqualTo("complete");
        Customer customer = stripe.v1().customers().retrieve(completed.getCustomer());
        assertThat(customer.getEmail()).isEqualTo("buyer@example.com");
        assertThat(get(session.getUrl()).body()).contains("This Checkout Session is complete.");
    }

    @Test
    void unknownPagesAre404() throws Exception {
        assertThat(get(emulator.baseUrl() + "/checkout/cs_test_missing").statusCode()).isEqualTo(404);
        assertThat(get(emulator.baseUrl() + "/billing-portal/bps_missing").statusCode()).isEqualTo(404);
    }

    @Test
    void portalManagesSubscriptionPaymentMethodsAndShowsInvoices() throws Exception {
        Session session = checkout("https://app.example/cancel");
        emulator.completeCheckout(session.getId(), "4242424242424242");
        String customerId = stripe.v1().checkout().sessions().retrieve(session.getId()).getCustomer();
        String subscriptionId = stripe.v1().checkout().sessions().retrieve(session.getId()).getSubscription();
        com.stripe.model.billingportal.Session portal = stripe.v1().billingPortal().sessions().create(
                com.stripe.param.billingportal.SessionCreateParams.builder().setCustomer(customerId)
                        .setReturnUrl("https://app.example/account").build());
        HttpResponse<String> page = get(portal.getUrl());
        assertThat(page.statusCode()).isEqualTo(200);
        String invoiceNumber = stripe.v1().invoices().retrieve(stripe.v1().subscriptions().retrieve(subscriptionId)
                .getLatestInvoice()).getNumber();
        assertThat(page.body()).contains(subscriptionId).contains("Cancel subscription").contains(invoiceNumber)
                .contains("href=\"https://app.example/account\"");

        String subscriptionBase = portal.getUrl() + "/subscriptions/" + subscriptionId;
        assertThat(post(subscriptionBase + "/cancel").statusCode()).isEqualTo(303);
        assertThat(stripe.v1().subscriptions().retrieve(subscriptionId).getCancelAtPeriodEnd()).isTrue();
        assertThat(get(portal.getUrl()).body()).contains("Renew subscription");
        assertThat(post(subscriptionBase + "/resume").statusCode()).isEqualTo(303);
        assertThat(stripe.v1().subscriptions().retrieve(subscriptionId).getCancelAtPeriodEnd()).isFalse();
        assertThat(post(subscriptionBase + "/price", "price", premium.getId()).statusCode()).isEqualTo(303);
        assertThat(post(subscriptionBase + "/quantity", "quantity", "4").statusCode()).isEqualTo(303);
        Subscription changed = stripe.v1().subscriptions().retrieve(subscriptionId);
        assertThat(changed.getItems().getData().get(0).getPrice().getId()).isEqualTo(premium.getId());
        assertThat(changed.getItems().getData().get(0).getQuantity()).isEqualTo(4L);
        assertThat(post(subscriptionBase + "/quantity", "quantity", "0").statusCode()).isEqualTo(400);

        assertThat(post(portal.getUrl() + "/payment-methods", "card_number", "5555555555554444").statusCode())
                .isEqualTo(303);
        List<PaymentMethod> methods = stripe.v1().customers().paymentMethods().list(customerId).getData();
        assertThat(methods).hasSize(2);
        PaymentMethod mastercard = methods.get(0);
        assertThat(stripe.v1().customers().retrieve(customerId).getInvoiceSettings().getDefaultPaymentMethod())
                .isEqualTo(mastercard.getId());
        PaymentMethod visa = methods.get(1);
        assertThat(post(portal.getUrl() + "/payment-methods/" + visa.getId() + "/default").statusCode())
                .isEqualTo(303);
        assertThat(stripe.v1().customers().retrieve(customerId).getInvoiceSettings().getDefaultPaymentMethod())
                .isEqualTo(visa.getId());
    }

    @Test
    void portalCannotTouchAnotherCustomersSubscription() throws Exception {
        Session session = checkout("https://app.example/cancel");
        emulator.completeCheckout(session.getId(), "4242424242424242");
        String subscriptionId = stripe.v1().checkout().sessions().retrieve(session.getId()).getSubscription();
        Customer stranger = StripeTestSupport.customer(stripe, "stranger@example.com");
        com.stripe.model.billingportal.Session portal = stripe.v1().billingPortal().sessions().create(
                com.stripe.param.billingportal.SessionCreateParams.builder().setCustomer(stranger.getId()).build());
        assertThat(post(portal.getUrl() + "/subscriptions/" + subscriptionId + "/cancel").statusCode())
                .isEqualTo(404);
        assertThat(stripe.v1().subscriptions().list(SubscriptionListParams.builder().setCustomer(stranger.getId())
                .build()).getData()).isEmpty();
        assertThat(stripe.v1().subscriptions().retrieve(subscriptionId).getCancelAtPeriodEnd()).isFalse();
    }
}
