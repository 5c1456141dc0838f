package io.billingbridge.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import io.billingbridge.core.appkey.AppKeyFormat;
import io.billingbridge.core.appkey.AppKeyScope;
import io.billingbridge.db.Databases;
import io.billingbridge.db.JdbiAdminTokens;
import io.billingbridge.db.JdbiAppKeys;
import io.billingbridge.sandbox.DemoSandbox;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Every logger at TRACE (as the admin log-level task can set them) during real requests that carry session
 * tokens, a session cookie, an admin token, app keys (a valid and an unknown one) and a signed Stripe webhook: no log
 * line, formatted as the server's console appender formats it, carries any of those credentials or the keys and
 * signing secrets behind them.
 */
class SecretsInLogsSystemTest {
    private static SystemUnderTest system;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.start(1);
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void noLogLineAtAnyLevelCarriesACredential() {
        String bearerToken = system.token(ClerkDevInstance.CAROL, Optional.empty());
        String cookieToken = system.token(ClerkDevInstance.BOB, Optional.of(ClerkDevInstance.ACME));
        String adminToken = new JdbiAdminTokens(Databases.jdbi(system.database()), Clock.systemUTC())
                .create("logs", SystemFixtures.READ_WRITE);
        String appKey = new JdbiAppKeys(Databases.jdbi(system.database()), Clock.systemUTC())
                .create("logs", Set.of(AppKeyScope.USAGE_WRITE));
        String unknownAppKey = AppKeyFormat.generate();
        List<String> secrets = List.of(bearerToken, cookieToken, adminToken, appKey, unknownAppKey,
                DemoSandbox.STRIPE_KEY,
                DemoSandbox.STRIPE_WEBHOOK_SECRET, system.sandbox().clerk().secretKey());

        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Encoder<ILoggingEvent> serverFormat = SystemFixtures.consoleEncoder(root);
        Capture capture = new Capture(serverFormat, secrets);
        capture.setContext(context);
        capture.start();
        List<Appender<ILoggingEvent>> serverAppenders = detachAll(root);
        Map<Logger, Level> levels = new HashMap<>();
        context.getLoggerList().forEach(logger -> levels.put(logger, logger.getLevel()));
        root.addAppender(capture);
        context.getLoggerList().forEach(logger -> logger.setLevel(Level.TRACE));
        try {
            assertThat(system.call("GET", "/v1/billing/prices?owner=user").bearer(bearerToken).send().status())
                    .isEqualTo(200);
            assertThat(system.call("GET", "/v1/billing/customer?owner=organization")
                    .header("Cookie", "__session=" + cookieToken).send().status()).isEqualTo(200);
            assertThat(system.call("GET", "/admin/v1/accounts/user/" + ClerkDevInstance.CAROL).bearer(adminToken)
                    .send().status()).isIn(200, 404);
            assertThat(system.call("GET", "/v1/usage/key").bearer(appKey).send().status()).isEqualTo(200);
            assertThat(system.call("GET", "/v1/usage/key").bearer(unknownAppKey).send()
                    .status()).as("an unknown key's refusal").isEqualTo(401);
            String event = "{\"id\":\"evt_logs_1\",\"object\":\"event\",\"type\":\"customer.updated\",\"created\":"
                    + Instant.now().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\"cus_nobody\","
                    + "\"object\":\"customer\"}}}";
            assertThat(system.call("POST", "/v1/webhooks/stripe")
                    .header("Stripe-Signature", SystemFixtures.stripeSignature(Instant.now().getEpochSecond(), event))
                    .bytes(event.getBytes(StandardCharsets.UTF_8), "application/json").send().status())
                    .isEqualTo(200);
        } finally {
            root.detachAppender(capture);
            levels.forEach(Logger::setLevel);
            serverAppenders.forEach(root::addAppender);
            capture.stop();
        }

        assertThat(capture.lines.get()).as("lines logged at TRACE during the requests").isGreaterThan(100);
        assertThat(capture.jettyDebugLines.get()).as("Jetty's request-level DEBUG lines").isPositive();
        assertThat(capture.leaks).as("log lines carrying a credential").isEmpty();
    }

    /** Takes the server's appenders off the root logger while the test logs at TRACE, so the build log stays short. */
    private static List<Appender<ILoggingEvent>> detachAll(Logger root) {
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(appenders::add);
        appenders.forEach(root::detachAppender);
        return appenders;
    }

    /** Formats every event as the server would print it and keeps the lines that carry a credential. */
    private static final class Capture extends AppenderBase<ILoggingEvent> {
        private final Encoder<ILoggingEvent> format;
        private final List<String> secrets;
        private final AtomicLong lines = new AtomicLong();
        private final AtomicLong jettyDebugLines = new AtomicLong();
        private final List<String> leaks = new ArrayList<>();

        Capture(Encoder<ILoggingEvent> format, List<String> secrets) {
            this.format = format;
            this.secrets = secrets;
        }

        @Override
        protected void append(ILoggingEvent event) {
            String line = new String(format.encode(event), StandardCharsets.UTF_8);
            lines.incrementAndGet();
            if (event.getLoggerName().startsWith("org.eclipse.jetty.") && event.getLevel().toInt() <= Level.DEBUG_INT) {
                jettyDebugLines.incrementAndGet();
            }
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    leaks.add(line.length() > 400 ? line.substring(0, 400) + "..." : line);
                }
            }
        }
    }
}
