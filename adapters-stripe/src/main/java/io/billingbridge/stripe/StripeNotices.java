package io.billingbridge.stripe;

import com.stripe.StripeClient;
import com.stripe.model.Invoice;
import com.stripe.model.LineItem;
import com.stripe.model.Product;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.model.checkout.Session;
import com.stripe.param.SubscriptionRetrieveParams;
import com.stripe.param.checkout.SessionLineItemListParams;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.payment.CheckoutDetails;
import io.billingbridge.core.payment.CheckoutMode;
import io.billingbridge.core.payment.CheckoutSessionId;
import io.billingbridge.core.payment.InvoiceId;
import io.billingbridge.core.payment.InvoiceNotice;
import io.billingbridge.core.payment.PriceId;
import io.billingbridge.core.payment.PurchasedItem;
import io.billingbridge.core.payment.SubscriptionId;
import io.billingbridge.core.payment.TrialNotice;
import io.billingbridge.core.snapshot.Money;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Re-reads from Stripe the objects of the events the application is told about (a completed Checkout Session with
 * its line items, an invoice, a subscription's trial), never trusting the webhook's copy; a missing object is empty.
 */
final class StripeNotices {
    /** Stripe allows at most 100 line items in a Checkout Session: one page holds them all. */
    private static final long LINE_ITEMS = 100;

    private final StripeClient stripe;

    StripeNotices(StripeClient stripe) {
        this.stripe = Objects.requireNonNull(stripe, "stripe");
    }

    Optional<CheckoutDetails> checkoutDetails(CheckoutSessionId id) {
        return unlessMissing(() -> {
            Session session = StripePaymentProvider.call("checkoutDetails",
                    () -> stripe.v1().checkout().sessions().retrieve(id.value()));
            List<LineItem> items = StripePaymentProvider.call("checkoutLineItems",
                    () -> stripe.v1().checkout().sessions().lineItems().list(id.value(),
                            SessionLineItemListParams.builder().setLimit(LINE_ITEMS).build())).getData();
            CheckoutMode mode = "payment".equals(session.getMode()) ? CheckoutMode.PAYMENT : CheckoutMode.SUBSCRIPTION;
            return new CheckoutDetails(id, customer(session.getCustomer()), mode,
                    "complete".equals(session.getStatus()),
                    items.stream().filter(item -> item.getPrice() != null).map(StripeNotices::item).toList());
        });
    }

    Optional<InvoiceNotice> invoiceNotice(InvoiceId id) {
        return unlessMissing(() -> {
            Invoice invoice = StripePaymentProvider.call("invoiceNotice",
                    () -> stripe.v1().invoices().retrieve(id.value()));
            return new InvoiceNotice(id, customer(invoice.getCustomer()),
                    new Money(orZero(invoice.getAmountDue()), invoice.getCurrency()),
                    Optional.ofNullable(invoice.getHostedInvoiceUrl()).map(URI::create),
                    (int) orZero(invoice.getAttemptCount()),
                    Optional.ofNullable(invoice.getNextPaymentAttempt()).map(Instant::ofEpochSecond));
        });
    }

    Optional<TrialNotice> trialNotice(SubscriptionId id) {
        return unlessMissing(() -> {
            Subscription subscription = StripePaymentProvider.call("trialNotice",
                    () -> stripe.v1().subscriptions().retrieve(id.value(), SubscriptionRetrieveParams.builder()
                            .addExpand("items.data.price.product").build()));
            Optional<String> plan = subscription.getItems() == null ? Optional.empty()
                    : subscription.getItems().getData().stream().findFirst().map(SubscriptionItem::getPrice)
                            .map(price -> {
                                Product product = price.getProductObject();
                                return product == null ? price.getProduct() : product.getName();
                            });
            return new TrialNotice(id, customer(subscription.getCustomer()), plan,
                    Optional.ofNullable(subscription.getTrialEnd()).map(Instant::ofEpochSecond));
        });
    }

    private static PurchasedItem item(LineItem item) {
        return new PurchasedItem(new PriceId(item.getPrice().getId()), Optional.ofNullable(item.getPrice().getProduct()),
                orZero(item.getQuantity()), new Money(orZero(item.getAmountTotal()), item.getCurrency()));
    }

    private static Optional<io.billingbridge.core.account.CustomerId> customer(String id) {
        return Optional.ofNullable(id).flatMap(StripeMapping::customerId);
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }

    private static <T> Optional<T> unlessMissing(Supplier<T> read) {
        try {
            return Optional.of(read.get());
        } catch (NotFound missing) {
            return Optional.empty();
        }
    }
}
