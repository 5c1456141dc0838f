package io.billingbridge.core.account;

import io.billingbridge.core.owner.Owner;
import io.billingbridge.core.payment.PaymentProvider;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the configured {@link DeletionPolicy} when a user or organization is deleted. */
public final class HandleOwnerDeleted {
    private static final Logger LOG = LoggerFactory.getLogger(HandleOwnerDeleted.class);

    private final BillingAccounts accounts;
    private final PaymentProvider payments;
    private final DeletionPolicy policy;
    private final Clock clock;

    public HandleOwnerDeleted(BillingAccounts accounts, PaymentProvider payments, DeletionPolicy policy, Clock clock) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.payments = Objects.requireNonNull(payments, "payments");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Applies the policy once and marks the owner's account deleted; a repeated call for an owner already handled
     * does nothing.
     *
     * <p>An owner with no account yet gets one, marked deleted, so its last session token (valid up to a minute
     * after the deletion) cannot start a checkout that would create a customer.
     */
    public void handle(Owner owner) {
        Optional<BillingAccount> account = accounts.find(owner);
        if (account.isEmpty()) {
            account = Optional.of(accounts.reserve(owner, clock.instant()));
        }
        if (account.get().syncState() == SyncState.DELETED) {
            return;
        }
        Optional<CustomerId> customer = account.get().customerId();
        if (customer.isPresent()) {
            switch (policy) {
                case KEEP -> { }
                case CANCEL_AT_PERIOD_END -> payments.cancelSubscriptions(customer.get(), true);
                case CANCEL_NOW_AND_DELETE -> {
                    payments.cancelSubscriptions(customer.get(), false);
                    payments.deleteCustomer(customer.get());
                }
            }
        }
        accounts.update(owner, account.get().profile(), SyncState.DELETED, clock.instant());
        LOG.info("{} deleted in the identity provider: applied {} to customer {}", owner.key(), policy,
                customer.map(CustomerId::value).orElse("(none)"));
    }
}
