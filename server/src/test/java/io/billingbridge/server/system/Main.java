package io.billingbridge.server.system;

import io.billingbridge.core.access.Action;
import io.billingbridge.core.account.CustomerProfile;
import io.billingbridge.core.checkout.CheckoutTerms;
import io.billingbridge.core.owner.Owner;
import io.billingbridge.server.BillingBridgeApplication;
import io.billingbridge.server.Hooks;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// The README's "Java hooks" example, compiled and run by JavaHooksReadmeSystemTest, which also checks that the
// README's code block is exactly what lies between the markers below.
// README example: begin
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    public static void main(String[] args) throws Exception {
        new BillingBridgeApplication(hooks()).run(args);
    }

    /** Customers carry where they signed up; people get a 14-day trial of plans; the portal stays closed. */
    static Hooks hooks() {
        return Hooks.defaults()
                .customerProfiles(profiles -> owner -> {
                    CustomerProfile profile = profiles.profileOf(owner);
                    Map<String, String> metadata = new HashMap<>(profile.metadata());
                    metadata.put("signup_source", "web");
                    return new CustomerProfile(profile.name(), profile.email(), metadata);
                })
                .checkoutPlan(plan -> (owner, price, quantity) -> {
                    CheckoutTerms terms = plan.termsFor(owner, price, quantity);
                    if (!(owner instanceof Owner.User) || price.recurring().isEmpty()) {
                        return terms;
                    }
                    return new CheckoutTerms(terms.quantity(), Optional.of(14), terms.automaticTax(),
                            terms.allowPromotionCodes(), terms.metadata());
                })
                .accessPolicy(policy -> (caller, action, owner) ->
                        action != Action.OPEN_PORTAL && policy.permits(caller, action, owner))
                .listener((owner, snapshot) -> log.info("{} now has {}", owner.key(), snapshot.entitlementKeys()));
    }
}
// README example: end
