package io.billingbridge.core.admin;

import io.billingbridge.core.account.BillingAccount;
import io.billingbridge.core.account.BillingAccounts;
import io.billingbridge.core.account.CustomerId;
import io.billingbridge.core.account.Relinked;
import io.billingbridge.core.audit.Auditor;
import io.billingbridge.core.checkout.OwnerMetadata;
import io.billingbridge.core.error.Conflict;
import io.billingbridge.core.error.InvalidRequest;
import io.billingbridge.core.error.NotFound;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.PaymentProvider;
import io.billingbridge.core.snapshot.Snapshots;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links an owner to a given Stripe customer, for support: only a live customer whose metadata names this owner,
 * and that no other owner uses; the owner's previous customer, if any, is released.
 */
public final class RelinkAccount {
    private static final Logger LOG = LoggerFactory.getLogger(RelinkAccount.class);

    private final BillingAccounts accounts;
    private final Snapshots snapshots;
    private final PaymentProvider payments;
    private final AdminAudit audit;
    private final Clock clock;

    public RelinkAccount(BillingAccounts accounts, Snapshots snapshots, PaymentProvider payments, Auditor auditor,
            Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.snapshots = Objects.requireNonNull(snapshots, "snapshots");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.audit = new AdminAudit(auditor);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Links the owner to the customer and returns the account afterwards; relinking to the current customer
     * changes nothing.
     *
     * @throws InvalidRequest when the owner or the customer id is malformed
     * @throws NotFound when Stripe has no live customer with this id
     * @throws Conflict when the customer's metadata names another owner, or another owner uses the customer
     */
    public AccountDetails relink(AdminIdentity admin, String ownerType, String ownerId, String customerId) {
        return audit.runForOwner(admin, ownerType, ownerId, AdminAction.RELINK_ACCOUNT,
                owner -> relink(owner, parse(customerId)),
                AccountDetails::auditDetail);
    }

    private static CustomerId parse(String customerId) {
        try {
            return new CustomerId(customerId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidRequest("invalid_customer", "customer must be a Stripe customer id (cus_...)",
                    "customer");
        }
    }

    /** Stripe is asked first, holding nothing; then one short transaction checks the link again and relinks. */
    private AccountDetails relink(Owner owner, CustomerId customer) {
        BillingAccount current = accounts.reserve(owner, clock.instant());
        if (current.customerId().filter(customer::equals).isPresent()) {
            return new AccountDetails(current, snapshots.find(customer));
        }
        Map<String, String> metadata = payments.customerMetadata(customer).orElseThrow(
                () -> new NotFound("customer_not_found", "the payment provider has no live customer with this id"));
        if (!metadata.entrySet().containsAll(OwnerMetadata.of(owner).entrySet())) {
            throw new Conflict("customer_owner_mismatch", "the customer's metadata does not name this owner");
        }
        Relinked relinked = accounts.relink(owner, customer, clock.instant());
        LOG.info("relinked {} to customer {} (was {})", owner.key(), customer,
                relinked.previous().map(CustomerId::value).orElse("none"));
        return new AccountDetails(relinked.account(), snapshots.find(customer));
    }
}
