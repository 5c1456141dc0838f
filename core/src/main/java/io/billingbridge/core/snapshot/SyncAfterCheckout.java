package io.billingbridge.core.snapshot;

import io.billingbridge.core.access.AccessPolicy;
import io.billingbridge.core.access.Action;
import io.billingbridge.core.access.Principal;
import io.billingbridge.core.access.SessionRateLimit;
import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.CheckoutSession;
import io.billingbridge.core.payment.PaymentProvider;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Syncs the owner's snapshot right after a checkout, from the success page, without waiting for the webhook.
 *
 * <p>Each call costs Stripe requests, so it shares the caller's session rate limit with checkout and portal.
 *
 * <p>Only for a session whose customer belongs to an owner the caller may read; any other session is "not found",
 * and an attempt on another owner's session is audited as denied.
 */
public final class SyncAfterCheckout {
    private static final String ACTION = "checkout.sync";
    private static final Pattern SESSION_ID = Pattern.compile("cs_[A-Za-z0-9_]{1,200}");

    private final AccessPolicy policy;
    private final BillingAccounts accounts;
    private final PaymentProvider payments;
    private final SyncSnapshot sync;
    private final GetBillingSnapshot reads;
    private final Auditor auditor;
    private final SessionRateLimit rateLimit;

    public SyncAfterCheckout(AccessPolicy policy, BillingAccounts accounts, PaymentProvider payments, SyncSnapshot sync,
            GetBillingSnapshot reads, Auditor auditor, SessionRateLimit rateLimit) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.sync = Objects.requireNonNull(sync, "sync");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
    }

    /** The owner's billing after a fresh sync. */
    public BillingView sync(Principal principal, String sessionId) {
        if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
            throw notFound();
        }
        rateLimit.acquire(principal);
        CheckoutSession session;
        try {
            session = payments.checkoutSession(sessionId);
        } catch (NotFound missing) {
            throw notFound();
        }
        Owner owner = session.customer()
                .flatMap(accounts::findByCustomer)
                .map(BillingAccount::owner)
                .orElseThrow(SyncAfterCheckout::notFound);
        if (!policy.permits(principal, Action.READ_PLAN, owner)) {
            auditor.denied(principal, Optional.of(owner), ACTION, "access_denied");
            throw notFound();
        }
        sync.sync(owner, session.customer().orElseThrow());
        return reads.view(principal, owner);
    }

    /** The one answer for a session that does not exist and for another owner's: the two must look the same. */
    private static NotFound notFound() {
        return new NotFound("no such checkout session");
    }
}
