package io.billingbridge.core.snapshot;

import io.billingbridge.core.access.Action;
import io.billingbridge.core.access.Guard;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.access.SessionRateLimit;
import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.error.AccessDenied;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.CheckoutSession;
import io.billingbridge.core.payment.CheckoutSessionId;
import io.billingbridge.core.payment.PaymentProvider;
import java.util.Objects;
import java.util.Optional;

/**
 * Syncs the owner's snapshot right after a checkout, from the success page, without waiting for the webhook.
 *
 * <p>Each call costs Stripe requests, so it shares the caller's session rate limit with checkout and portal.
 *
 * <p>Only for a session whose customer belongs to an owner the caller may read the plan of; any other session is
 * "not found", and an attempt on another owner's session is audited as a denied {@link Action#READ_PLAN}. The
 * caller's own owner, once deleted in the identity provider, is refused as the {@link Guard} refuses it.
 */
public final class SyncAfterCheckout {
    private final Guard guard;
    private final BillingAccounts accounts;
    private final PaymentProvider payments;
    private final GetBillingSnapshot reads;
    private final SessionRateLimit rateLimit;

    public SyncAfterCheckout(Guard guard, BillingAccounts accounts, PaymentProvider payments,
            GetBillingSnapshot reads, SessionRateLimit rateLimit) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
    }

    /**
     * The owner's billing after a fresh sync.
     *
     * @param sessionId the Checkout Session id as the success page got it
     */
    public BillingView sync(Principal principal, String sessionId) {
        CheckoutSessionId id = parse(sessionId).orElseThrow(SyncAfterCheckout::notFound);
        rateLimit.acquire(principal);
        CheckoutSession session;
        try {
            session = payments.checkoutSession(id);
        } catch (NotFound missing) {
            throw notFound();
        }
        Owner owner = session.customer()
                .flatMap(accounts::findByCustomer)
                .map(BillingAccount::owner)
                .orElseThrow(SyncAfterCheckout::notFound);
        try {
            guard.authorize(principal, owner, Action.READ_PLAN);
        } catch (AccessDenied denied) {
            if (Guard.OWNER_DELETED.equals(denied.code())) {
                throw denied;
            }
            throw notFound();
        }
        return reads.viewAfterSync(principal, owner, session.customer().orElseThrow());
    }

    private static Optional<CheckoutSessionId> parse(String sessionId) {
        if (sessionId == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new CheckoutSessionId(sessionId));
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
    }

    /** The one answer for a session that does not exist and for another owner's: the two must look the same. */
    private static NotFound notFound() {
        return new NotFound("no such checkout session");
    }
}
