package io.billingbridge.core.payment;

import io.billingbridge.core.error.InvalidRequest;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A deep link into the billing portal: it opens straight on one step and, once done, returns to the application.
 *
 * @param subscription the subscription the step acts on; required by the two subscription flows, absent otherwise
 */
public record PortalFlow(Type type, Optional<SubscriptionId> subscription) {

    public PortalFlow {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subscription, "subscription");
        if (type.needsSubscription() != subscription.isPresent()) {
            throw new IllegalArgumentException(type.wireName() + (type.needsSubscription()
                    ? " needs a subscription" : " takes no subscription"));
        }
    }

    /** The steps a portal session can open on. */
    public enum Type {
        PAYMENT_METHOD_UPDATE(false),
        SUBSCRIPTION_CANCEL(true),
        SUBSCRIPTION_UPDATE(true);

        private final boolean needsSubscription;

        Type(boolean needsSubscription) {
            this.needsSubscription = needsSubscription;
        }

        public boolean needsSubscription() {
            return needsSubscription;
        }

        /** Stripe's (and our API's) name of the flow. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The flow the client named; anything else is a 400 on {@code flow}. */
        public static Type parse(String value) {
            return Arrays.stream(values()).filter(t -> t.wireName().equals(value)).findFirst()
                    .orElseThrow(() -> new InvalidRequest("invalid_flow", "flow must be one of "
                            + Arrays.stream(values()).map(Type::wireName).toList(), "flow"));
        }
    }
}
