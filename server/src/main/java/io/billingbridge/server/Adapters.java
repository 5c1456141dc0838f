package io.billingbridge.server;

import io.billingbridge.clerk.ClerkBackendConfig;
import io.billingbridge.clerk.ClerkIdentityDirectory;
import io.billingbridge.clerk.ClerkTokenVerifier;
import io.billingbridge.clerk.ClerkTokenVerifierConfig;
import io.billingbridge.clerk.SvixIdentityEventVerifier;
import io.billingbridge.core.admin.StripeMode;
import io.billingbridge.core.identity.IdentityDirectory;
import io.billingbridge.core.identity.IdentityEventVerifier;
import io.billingbridge.core.identity.TokenVerifier;
import io.billingbridge.core.usage.MeterUsage;
import io.billingbridge.core.payment.PaymentEventVerifier;
import io.billingbridge.core.payment.PaymentProvider;
import io.billingbridge.core.signal.BillingSignals;
import io.billingbridge.core.usage.MeterEvents;
import io.billingbridge.stripe.StripeEventVerifier;
import io.billingbridge.stripe.StripePaymentProvider;
import io.billingbridge.stripe.StripeSettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.function.Supplier;

/** Builds the vendor adapters from configuration, turning every configuration mistake into one clear line. */
final class Adapters {
    private Adapters() {
    }

    /**
     * The adapters.
     *
     * @param payments Stripe for background work, with the configured timeouts and retries
     * @param requestPayments Stripe for calls made while an HTTP request waits, each bounded by {@code requestTimeout}
     * @param requestTimeout {@code stripe.requestTimeout}, also how long a read waits for a first snapshot
     * @param stripeMode test or live, told by the secret key (the key itself goes no further than the Stripe client)
     * @param requestMeters Stripe's billing meters for reads made while an HTTP request waits (as requestPayments)
     * @param meterEvents Stripe's meters and meter events for usage forwarding, the events on their own budget
     */
    record Built(PaymentProvider payments, PaymentProvider requestPayments, Duration requestTimeout,
            PaymentEventVerifier stripeEvents, TokenVerifier tokens, IdentityDirectory directory,
            IdentityEventVerifier clerkEvents, StripeMode stripeMode, MeterUsage requestMeters,
            MeterEvents meterEvents) {
    }

    /** The adapters for a command: Stripe calls are not signalled. */
    static Built build(StripeSection stripe, ClerkSection clerk, Clock clock) {
        return build(stripe, clerk, clock, BillingSignals.NONE);
    }

    /** The adapters, telling {@code signals} of every HTTP attempt to Stripe. */
    static Built build(StripeSection stripe, ClerkSection clerk, Clock clock, BillingSignals signals) {
        StripeSettings settings = stripeSettings(stripe);
        StripePaymentProvider.Providers payments = StripePaymentProvider.providers(settings, signals);
        PaymentEventVerifier stripeEvents = new StripeEventVerifier(settings.webhookSecret(), settings.webhookTolerance(), clock);

        String clerkSecret = required(clerk.getSecretKey(), "clerk.secretKey: set CLERK_SECRET_KEY");
        ClerkTokenVerifierConfig.Builder tokens = ClerkTokenVerifierConfig.builder()
                .authorizedParties(new HashSet<>(clerk.getAuthorizedParties()))
                .allowPendingSessions(clerk.isAllowPendingSessions())
                .clock(clock);
        URI apiUrl = uri(clerk.getApiUrl(), "clerk.apiUrl (CLERK_API_URL)");
        Optional<String> jwtKeyPem = clerk.jwtKeyPem();
        if (jwtKeyPem.isPresent()) {
            tokens.jwtKeyPem(jwtKeyPem.get());
        } else if (present(clerk.getJwksUrl())) {
            tokens.jwksUrl(uri(clerk.getJwksUrl(), "clerk.jwksUrl (CLERK_JWKS_URL)"));
        } else {
            tokens.backendJwks(apiUrl, clerkSecret);
        }
        if (present(clerk.getIssuer())) {
            tokens.issuer(clerk.getIssuer());
        }
        TokenVerifier verifier = checked("clerk", () -> new ClerkTokenVerifier(tokens.build()));
        IdentityDirectory directory = checked("clerk", () -> new ClerkIdentityDirectory(ClerkBackendConfig.builder(clerkSecret)
                .apiUrl(apiUrl)
                .clock(clock)
                .build()));
        String signing = required(clerk.getWebhookSigningSecret(),
                "clerk.webhookSigningSecret: set CLERK_WEBHOOK_SIGNING_SECRET (whsec_...)");
        IdentityEventVerifier clerkEvents = checked("clerk", () -> new SvixIdentityEventVerifier(signing, clock));
        return new Built(payments.background(), payments.requests(), settings.requestTimeout(), stripeEvents, verifier,
                directory, clerkEvents, StripeMode.ofKey(stripe.getSecretKey()), payments.requests().meterUsage(),
                payments.meterEvents());
    }

    static StripeSettings stripeSettings(StripeSection stripe) {
        URI apiBase = uri(stripe.getApiBase(), "stripe.apiBase (STRIPE_API_BASE)");
        return checked("stripe", () -> stripe.toSettings(apiBase));
    }

    private static <T> T checked(String section, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StartupProblem(section + " configuration: " + e.getMessage());
        }
    }

    private static String required(String value, String problem) {
        if (!present(value)) {
            throw new StartupProblem(problem);
        }
        return value;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static URI uri(String value, String key) {
        try {
            URI uri = URI.create(value == null ? "" : value.trim());
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new IllegalArgumentException();
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new StartupProblem(key + " must be an absolute http(s) URL");
        }
    }
}
