package io.billingbridge.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.billingbridge.core.access.AccessRules;
import io.billingbridge.core.account.DeletionPolicy;
import io.billingbridge.core.account.OrganizationEmail;
import io.billingbridge.core.catalog.CatalogSettings;
import io.billingbridge.core.checkout.CheckoutGuardrails;
import io.billingbridge.core.checkout.CheckoutSettings;
import io.billingbridge.core.checkout.QuantityRule;
import io.billingbridge.core.lifecycle.PlanChangePolicy;
import io.billingbridge.core.owner.OwnerType;
import io.billingbridge.core.payment.PortalConfigurationId;
import io.billingbridge.core.snapshot.AccessStateSettings;
import io.dropwizard.util.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code billing:} in config.yml — the business behaviour, YAML first (docs/architecture.md, extension points). */
public class BillingSection {
    /** Origins of the application: CORS, and where success/cancel/return URLs may point. */
    @JsonProperty
    private List<String> allowedOrigins = List.of();

    @JsonProperty
    private AccessSection access = AccessSection.defaults();

    @JsonProperty
    private CatalogAllowListSection catalogAllowList = CatalogAllowListSection.none();

    @JsonProperty
    private Duration catalogCacheFor = Duration.minutes(5);

    /** {@code 1}, {@code 1..10} or {@code seats}, for prices whose metadata sets no rule. */
    @JsonProperty
    private String defaultQuantity = "1";

    @JsonProperty
    private Integer trialDays;

    @JsonProperty
    private boolean automaticTax;

    @JsonProperty
    private boolean allowPromotionCodes;

    @JsonProperty
    private String portalConfiguration;

    @JsonProperty
    private CheckoutSection checkout = new CheckoutSection();

    /** Per owner type portal configurations (absent: kept by Billing Bridge from the catalog). */
    @JsonProperty
    private PortalSection portal = PortalSection.defaults();

    /** How billing states translate into access: grace for past due, incomplete and paused, the default plan. */
    @JsonProperty
    private AccessStateSection accessState = AccessStateSection.defaults();

    /** Create the Stripe customer as soon as Clerk reports a new user or organization. */
    @JsonProperty
    private boolean eagerCustomers;

    @JsonProperty
    private String organizationEmail = "first_admin";

    @JsonProperty
    private String onOwnerDeleted = "keep";

    /** Write plan, status and entitlements into Clerk public metadata under this key; empty: off. */
    @JsonProperty
    private String publishToClerkKey;

    @JsonProperty
    private int sessionBurst = 10;

    @JsonProperty
    private Duration sessionRefillEvery = Duration.seconds(6);

    @JsonProperty
    private long maxBodyBytes = 256 * 1024;

    @JsonProperty
    private PlanChangesSection planChanges = new PlanChangesSection();

    public List<String> getAllowedOrigins() {
        return allowedOrigins;
    }

    public void setAllowedOrigins(List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    public CheckoutSection getCheckout() {
        if (checkout == null) {
            checkout = new CheckoutSection();
        }
        return checkout;
    }

    public void setEagerCustomers(boolean eagerCustomers) {
        this.eagerCustomers = eagerCustomers;
    }

    public void setOnOwnerDeleted(String onOwnerDeleted) {
        this.onOwnerDeleted = onOwnerDeleted;
    }

    public void setPublishToClerkKey(String publishToClerkKey) {
        this.publishToClerkKey = publishToClerkKey;
    }

    /** Who may do what, as {@code billing.access} in YAML says. */
    public void setAccess(AccessSection access) {
        this.access = access;
    }

    public void setAccessState(AccessStateSection accessState) {
        this.accessState = accessState;
    }

    /** How many checkout, portal and sync-after-checkout sessions one user may start at once. */
    public void setSessionBurst(int sessionBurst) {
        this.sessionBurst = sessionBurst;
    }

    AccessRules accessRules() {
        return (access == null ? AccessSection.defaults() : access).toRules();
    }

    CatalogSettings catalogSettings() {
        CatalogAllowListSection allowList = catalogAllowList == null ? CatalogAllowListSection.none() : catalogAllowList;
        return new CatalogSettings(allowList.toMap(), catalogCacheFor.toJavaDuration());
    }

    QuantityRule defaultQuantityRule() {
        try {
            return QuantityRule.parse(defaultQuantity);
        } catch (IllegalArgumentException e) {
            throw new StartupProblem("billing.defaultQuantity: " + e.getMessage());
        }
    }

    CheckoutSettings checkoutSettings() {
        return new CheckoutSettings(defaultQuantityRule(), Optional.ofNullable(trialDays), automaticTax,
                allowPromotionCodes, (checkout == null ? new CheckoutSection() : checkout).meteredAddOns());
    }

    CheckoutGuardrails checkoutGuardrails() {
        return (checkout == null ? new CheckoutSection() : checkout).toGuardrails();
    }

    Optional<PortalConfigurationId> portalConfiguration() {
        try {
            return Optional.ofNullable(portalConfiguration).filter(s -> !s.isBlank()).map(PortalConfigurationId::new);
        } catch (IllegalArgumentException e) {
            throw new StartupProblem("billing.portalConfiguration: " + e.getMessage());
        }
    }

    Map<OwnerType, PortalConfigurationId> portalConfigurations() {
        return (portal == null ? PortalSection.defaults() : portal).named(portalConfiguration());
    }

    AccessStateSettings accessStateSettings() {
        return (accessState == null ? AccessStateSection.defaults() : accessState).toSettings();
    }

    boolean eagerCustomers() {
        return eagerCustomers;
    }

    OrganizationEmail organizationEmail() {
        return parse(OrganizationEmail.class, organizationEmail, "billing.organizationEmail");
    }

    DeletionPolicy deletionPolicy() {
        return parse(DeletionPolicy.class, onOwnerDeleted, "billing.onOwnerDeleted");
    }

    Optional<String> publishToClerkKey() {
        return Optional.ofNullable(publishToClerkKey).filter(s -> !s.isBlank());
    }

    int sessionBurst() {
        return sessionBurst;
    }

    java.time.Duration sessionRefillEvery() {
        return sessionRefillEvery.toJavaDuration();
    }

    long maxBodyBytes() {
        return maxBodyBytes;
    }

    PlanChangePolicy planChangePolicy() {
        return (planChanges == null ? new PlanChangesSection() : planChanges).toPolicy();
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String key) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StartupProblem(key + ": '" + value + "' is not one of "
                    + java.util.Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        }
    }
}
