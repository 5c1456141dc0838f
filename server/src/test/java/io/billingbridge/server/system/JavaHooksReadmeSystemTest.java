package io.billingbridge.server.system;

import static io.billingbridge.server.system.SystemFixtures.assertError;
import static io.billingbridge.server.system.SystemFixtures.checkoutBody;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.server.BillingBridgeApplication;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The README's Java hooks example ({@link Main}) runs a real server, and each of its hooks has the effect the README
 * describes over real HTTP; the README's code block is the example, so neither can change alone.
 */
@Timeout(120)
class JavaHooksReadmeSystemTest {
    private static final String BEGIN = "// README example: begin";
    private static final String END = "// README example: end";
    private static SystemUnderTest system;
    private static ListAppender<ILoggingEvent> logged;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.startWith(() -> new BillingBridgeApplication(Main.hooks()));
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Main.class);
        log.setLevel(Level.INFO);
        logged = new ListAppender<>();
        logged.start();
        log.addAppender(logged);
    }

    @AfterAll
    static void stop() {
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(Main.class)).detachAppender(logged);
        system.close();
    }

    private static Reply checkout(String user, String price) {
        return system.call("POST", "/v1/billing/checkout-sessions").bearer(system.token(user, Optional.empty()))
                .json(checkoutBody("user", price, "")).send();
    }

    /** Checks out {@code price}, pays it in the emulator and syncs; the owner's billing after. */
    private static JsonNode buy(String user, String price) {
        Reply checkout = checkout(user, price);
        assertThat(checkout.status()).as(checkout.body()).isEqualTo(201);
        String session = checkout.json().get("id").asText();
        system.sandbox().stripe().completeCheckout(session, "4242424242424242");
        Reply synced = system.call("POST", "/v1/billing/checkout-sessions/" + session + "/sync")
                .bearer(system.token(user, Optional.empty())).send();
        assertThat(synced.status()).as(synced.body()).isEqualTo(200);
        return synced.json();
    }

    @Test
    void theReadmeCodeBlockIsTheExampleTheTestsRun() throws IOException {
        Path module = Path.of("").toAbsolutePath();
        String readme = Files.readString(module.resolveSibling("README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("## Java hooks"));
        String block = section.substring(section.indexOf("```java") + "```java".length(), section.indexOf("```\n",
                section.indexOf("```java") + 1));
        String source = Files.readString(module.resolve("src/test/java/io/billingbridge/server/system/Main.java"),
                StandardCharsets.UTF_8);
        String example = source.substring(source.indexOf(BEGIN) + BEGIN.length(), source.indexOf(END));

        assertThat(normalised(block)).as("README.md's Java hooks block and Main.java between the markers")
                .isEqualTo(normalised(example)).contains("Hooks.defaults()");
    }

    private static String normalised(String code) {
        return code.strip().replaceAll("\\s+", " ");
    }

    @Test
    void theCustomerProfileHookAddsTheSignupSourceToTheStripeCustomer() {
        String user = system.newUser("user_hooks_profile", "Hook");

        assertThat(checkout(user, "pro_monthly").status()).isEqualTo(201);

        var customer = SystemFixtures.customersOf(system, "user", user);
        assertThat(customer).hasSize(1);
        assertThat(customer.get(0).getMetadata()).containsEntry("signup_source", "web")
                .containsEntry("clerk_owner_id", user);
        assertThat(customer.get(0).getName()).as("the default profile is kept").isEqualTo("Hook Tester");
    }

    @Test
    void theCheckoutPlanHookGivesAPersonA14DayTrialOfARecurringPlanAndLeavesOneTimePricesAlone() {
        String user = system.newUser("user_hooks_trial", "Hook");

        JsonNode billing = buy(user, "pro_monthly");
        JsonNode subscription = billing.get("subscriptions").get(0);
        assertThat(subscription.get("status").asText()).isEqualTo("trialing");
        Duration trial = Duration.between(Instant.parse(subscription.get("created").asText()),
                Instant.parse(subscription.get("trialEnd").asText()));
        assertThat(trial).isBetween(Duration.ofDays(14).minusMinutes(5), Duration.ofDays(14).plusMinutes(5));

        Reply credits = checkout(user, "credits_100");
        assertThat(credits.status()).as("a one-time price gets no trial, so Stripe accepts it: %s", credits.body())
                .isEqualTo(201);
    }

    @Test
    void theAccessPolicyHookClosesThePortalAndKeepsTheDefaultRulesForEverythingElse() {
        String user = system.newUser("user_hooks_portal", "Hook");
        buy(user, "pro_monthly");

        Reply portal = system.call("POST", "/v1/billing/portal-sessions")
                .bearer(system.token(user, Optional.empty())).json(SystemFixtures.portalBody("user", "")).send();
        assertError(portal, 403, null);

        Reply own = system.call("GET", "/v1/billing/customer?owner=user").bearer(system.token(user, Optional.empty()))
                .send();
        assertThat(own.status()).as("the default still lets people read their own billing").isEqualTo(200);
        Reply member = system.call("POST", "/v1/billing/checkout-sessions")
                .bearer(system.token(ClerkDevInstance.BOB, Optional.of(ClerkDevInstance.ACME)))
                .json(checkoutBody("organization", "team_monthly", "")).send();
        assertError(member, 403, null);
        assertThat(member.json().get("error").get("message").asText()).as("denied by the default rules")
                .contains("start a checkout");
    }

    @Test
    void theListenerHearsEachChangeOfAnOwnersBilling() {
        String user = system.newUser("user_hooks_listener", "Hook");

        buy(user, "pro_monthly");

        SystemUnderTest.await("the listener to log the owner's new plan", Duration.ofSeconds(20), () -> messages()
                .stream().anyMatch(m -> m.startsWith("user:" + user + " now has [") && !m.endsWith("[]")));
    }

    private static List<String> messages() {
        synchronized (logged) {
            return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
