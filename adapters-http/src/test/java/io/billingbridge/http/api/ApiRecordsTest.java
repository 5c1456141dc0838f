package io.billingbridge.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.owner.OrganizationId;
import io.billingbridge.core.owner.UserId;
import io.billingbridge.core.snapshot.BillingView;
import io.billingbridge.core.snapshot.EntitlementView;
import io.billingbridge.core.snapshot.InvoiceView;
import io.billingbridge.core.snapshot.PaymentMethodView;
import io.billingbridge.core.snapshot.PaymentView;
import io.billingbridge.core.snapshot.SubscriptionItemView;
import io.billingbridge.core.snapshot.SubscriptionView;
import io.dropwizard.jackson.Jackson;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The records serialise, with the server's Jackson setup, to exactly the JSON the API has always answered with. */
class ApiRecordsTest {
    private static final ObjectMapper MAPPER = Jackson.newObjectMapper();
    private static final Instant CREATED = Instant.parse("2026-11-01T10:15:30Z");
    private static final Instant SYNCED = Instant.parse("2026-11-28T18:00:00.123456Z");
    private static final io.billingbridge.core.snapshot.Money TEN =
            new io.billingbridge.core.snapshot.Money(1000, "usd");

    private static BillingView view(boolean details) {
        SubscriptionItemView item = new SubscriptionItemView("si_1", "price_1", Optional.of("pro_monthly"), "prod_1",
                "Pro", 1, Optional.of(TEN), Optional.of("month"), Optional.of(CREATED), Optional.empty(),
                Optional.empty());
        SubscriptionView subscription = new SubscriptionView("sub_1", "active", List.of(item), false, Optional.empty(),
                Optional.empty(), CREATED);
        return new BillingView(new io.billingbridge.core.owner.Owner.Organization(new OrganizationId("org_1")),
                Optional.of(new CustomerId("cus_1")), List.of(subscription),
                List.of(new EntitlementView("feat_1", "pro")),
                details ? Optional.of(List.of(new InvoiceView("in_1", Optional.empty(), "paid", TEN, TEN, CREATED,
                        Optional.of(URI.create("https://pay.test/in_1")), Optional.of("sub_1")))) : Optional.empty(),
                details ? Optional.of(List.of(new PaymentView("pi_1", TEN, "succeeded", CREATED, Optional.empty())))
                        : Optional.empty(),
                details ? Optional.of(List.of(new PaymentMethodView("pm_1", "card", Optional.of("visa"),
                        Optional.of("4242"), Optional.of(12), Optional.of(2030), true))) : Optional.empty(),
                Optional.of(SYNCED), false, Optional.empty());
    }

    private static JsonNode json(Object value) throws Exception {
        return MAPPER.readTree(MAPPER.writeValueAsString(value));
    }

    private static JsonNode parse(String json) throws Exception {
        return MAPPER.readTree(json.replace('\'', '"'));
    }

    @Test
    void twoReadsOfTheSameBillingAreEqualSoTheirRenderedBodyIsReusedAndAnyChangeMakesThemDiffer() {
        assertThat(Billing.of(view(true))).isEqualTo(Billing.of(view(true)))
                .hasSameHashCodeAs(Billing.of(view(true)));
        assertThat(Billing.of(view(false))).isNotEqualTo(Billing.of(view(true)));
        BillingView stale = view(true);
        stale = new BillingView(stale.owner(), stale.customerId(), stale.subscriptions(), stale.entitlements(),
                stale.invoices(), stale.payments(), stale.paymentMethods(), stale.syncedAt(), true, stale.access());
        assertThat(Billing.of(stale)).isNotEqualTo(Billing.of(view(true)));
    }

    @Test
    void billingWithDetailsHasEveryFieldWithNullsWrittenOut() throws Exception {
        assertThat(json(Billing.of(view(true)))).isEqualTo(parse("""
                {'owner': {'type': 'organization', 'id': 'org_1'}, 'customer': 'cus_1',
                 'subscriptions': [{'id': 'sub_1', 'status': 'active', 'cancelAtPeriodEnd': false, 'trialEnd': null,
                   'canceledAt': null, 'created': '2026-11-01T10:15:30Z',
                   'items': [{'id': 'si_1', 'price': 'price_1', 'lookupKey': 'pro_monthly',
                     'product': {'id': 'prod_1', 'name': 'Pro'}, 'quantity': 1,
                     'unitAmount': {'amount': 1000, 'currency': 'usd'}, 'interval': 'month',
                     'currentPeriodStart': '2026-11-01T10:15:30Z', 'currentPeriodEnd': null, 'meter': null}]}],
                 'entitlements': ['pro'],
                 'invoices': [{'id': 'in_1', 'number': null, 'status': 'paid',
                   'total': {'amount': 1000, 'currency': 'usd'}, 'amountPaid': {'amount': 1000, 'currency': 'usd'},
                   'created': '2026-11-01T10:15:30Z', 'hostedInvoiceUrl': 'https://pay.test/in_1',
                   'subscription': 'sub_1'}],
                 'payments': [{'id': 'pi_1', 'amount': {'amount': 1000, 'currency': 'usd'}, 'status': 'succeeded',
                   'created': '2026-11-01T10:15:30Z', 'description': null, 'lineItems': []}],
                 'paymentMethods': [{'id': 'pm_1', 'type': 'card', 'brand': 'visa', 'last4': '4242', 'expMonth': 12,
                   'expYear': 2030, 'default': true}],
                 'syncedAt': '2026-11-28T18:00:00.123456Z', 'stale': false}
                """));
    }

    @Test
    void billingWithoutDetailsLeavesTheDetailListsOutButWritesAMissingCustomerAsNull() throws Exception {
        BillingView none = BillingView.none(new io.billingbridge.core.owner.Owner.User(new UserId("user_1")), false);
        assertThat(json(Billing.of(none))).isEqualTo(parse("""
                {'owner': {'type': 'user', 'id': 'user_1'}, 'customer': null, 'subscriptions': [],
                 'entitlements': [], 'syncedAt': null, 'stale': false}
                """));
        assertThat(json(Billing.of(view(false))).has("invoices")).isFalse();
    }

    @Test
    void accessPeriodCancellationPauseAndLatestInvoiceAreWrittenAndLeftOutWhenUnknown() throws Exception {
        SubscriptionView subscription = new SubscriptionView("sub_2", "past_due", List.of(), true, Optional.empty(),
                Optional.empty(), CREATED, Optional.of(CREATED), Optional.of(SYNCED), Optional.of(SYNCED),
                Optional.of(new io.billingbridge.core.snapshot.PauseCollectionView("void", Optional.empty())),
                Optional.of(new io.billingbridge.core.snapshot.LatestInvoiceView("in_2", "open", TEN,
                        Optional.of(URI.create("https://pay.test/in_2")), Optional.empty(), Optional.of(CREATED))),
                Optional.empty());
        JsonNode written = json(Subscription.of(subscription));
        assertThat(written.get("cancelAt").asText()).isEqualTo(SYNCED.toString());
        assertThat(written.get("pauseCollection")).isEqualTo(parse("{'behavior': 'void'}"));
        assertThat(written.get("latestInvoice")).isEqualTo(parse("""
                {'id': 'in_2', 'status': 'open', 'amountDue': {'amount': 1000, 'currency': 'usd'},
                 'hostedInvoiceUrl': 'https://pay.test/in_2'}"""));
        assertThat(json(Subscription.of(new SubscriptionView("sub_3", "active", List.of(), false, Optional.empty(),
                Optional.empty(), CREATED))).has("cancelAt")).isFalse();

        io.billingbridge.core.snapshot.AccessState grace = new io.billingbridge.core.snapshot.AccessState(
                Optional.of("Pro"), io.billingbridge.core.snapshot.AccessState.State.GRACE, Optional.of(SYNCED),
                Optional.of(new io.billingbridge.core.snapshot.AccessState.Action(
                        io.billingbridge.core.snapshot.AccessState.ActionType.UPDATE_PAYMENT_METHOD,
                        Optional.empty())));
        assertThat(json(Access.of(grace))).isEqualTo(parse("""
                {'plan': 'Pro', 'state': 'grace', 'graceEndsAt': '2026-11-28T18:00:00.123456Z',
                 'action': {'type': 'update_payment_method'}}"""));
        assertThat(json(Access.of(new io.billingbridge.core.snapshot.AccessState(Optional.empty(),
                io.billingbridge.core.snapshot.AccessState.State.NONE, Optional.empty(), Optional.empty()))))
                .isEqualTo(parse("{'state': 'none'}"));
    }

    @Test
    void timesAreWrittenAsInstantToStringDoes() throws Exception {
        assertThat(json(Billing.of(view(true))).get("syncedAt").asText()).isEqualTo(SYNCED.toString());
    }

    @Test
    void aCheckoutSessionWithoutUrlWritesNullAndListsSayTheyAreLists() throws Exception {
        assertThat(json(new CheckoutSession("cs_1", Optional.empty()))).isEqualTo(parse("{'id': 'cs_1', 'url': null}"));
        assertThat(json(PriceList.of(List.of()))).isEqualTo(parse("{'object': 'list', 'data': []}"));
        assertThat(json(WebhookReceipt.of(false))).isEqualTo(parse("{'received': true, 'duplicate': true}"));
        assertThat(json(ErrorBody.of("invalid_request_error", "invalid_owner", "owner must be 'user'")))
                .isEqualTo(MAPPER.readTree("{\"error\": {\"type\": \"invalid_request_error\", \"code\": "
                        + "\"invalid_owner\", \"message\": \"owner must be 'user'\"}}"));
    }

    @Test
    void theDocumentedWorkValuesAreEveryKindOfWebhookWork() throws Exception {
        io.swagger.v3.oas.annotations.media.Schema work = WebhookEvent.class.getDeclaredField("work")
                .getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);

        assertThat(work.allowableValues()).containsExactlyInAnyOrderElementsOf(
                io.billingbridge.core.webhook.WebhookWork.kinds());
    }
}
