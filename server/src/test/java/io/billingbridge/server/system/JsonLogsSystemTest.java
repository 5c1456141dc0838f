package io.billingbridge.server.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.AppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.billingbridge.sandbox.clerk.ClerkDevInstance;
import io.billingbridge.server.SwitchableLayoutFactory;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.DefaultLoggingFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The console appender with {@code format: json}: each line is one JSON object with the request's Request-Id as a
 * top-level {@code requestId} field, and credentials are still redacted without breaking the JSON.
 */
class JsonLogsSystemTest {
    private static SystemUnderTest system;

    @BeforeAll
    static void start() {
        system = SystemUnderTest.startConfigured(1, config -> {
            ConsoleAppenderFactory<ILoggingEvent> console = new ConsoleAppenderFactory<>();
            SwitchableLayoutFactory json = new SwitchableLayoutFactory();
            json.setFormat("json");
            console.setLayout(json);
            ((DefaultLoggingFactory) config.getLoggingFactory()).setAppenders(List.of(console));
        });
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @Test
    void aLineLoggedDuringARequestIsJsonCarryingItsRequestId() {
        Encoder<ILoggingEvent> serverFormat = SystemFixtures.consoleEncoder(root());
        assertThat(serverFormat).as("the server's console encoder").isNotNull();
        List<String> lines = new CopyOnWriteArrayList<>();
        AppenderBase<ILoggingEvent> capture = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                lines.add(new String(serverFormat.encode(event), StandardCharsets.UTF_8));
            }
        };
        capture.setContext(root().getLoggerContext());
        capture.start();
        root().addAppender(capture);
        Reply refused;
        try {
            refused = system.call("POST", "/v1/webhooks/stripe").header("Stripe-Signature", "t=1,v1=forged")
                    .bytes("{}".getBytes(StandardCharsets.UTF_8), "application/json").send();
        } finally {
            root().detachAppender(capture);
            capture.stop();
        }
        assertThat(refused.status()).isEqualTo(400);
        String requestId = refused.headers().firstValue("Request-Id").orElseThrow();

        JsonNode line = lines.stream().map(JsonLogsSystemTest::json)
                .filter(json -> json.path("message").asText().startsWith("refused STRIPE webhook"))
                .findFirst().orElseThrow(() -> new AssertionError("no refusal line in " + lines));
        assertThat(line.path("requestId").asText()).isEqualTo(requestId);
        assertThat(line.path("level").asText()).isEqualTo("WARN");
        assertThat(line.path("logger").asText()).isEqualTo("io.billingbridge.core.webhook.ReceiveWebhook");
        assertThat(line.has("timestamp")).isTrue();
    }

    @Test
    void credentialsInAJsonLineAreRedactedAndTheLineStaysJson() {
        String token = system.token(ClerkDevInstance.CAROL, Optional.empty());
        Encoder<ILoggingEvent> serverFormat = SystemFixtures.consoleEncoder(root());
        LoggingEvent event = new LoggingEvent(JsonLogsSystemTest.class.getName(), root(), Level.WARN,
                "headers Authorization: Bearer {} Cookie: __session={}", null, new Object[] {token, token});

        String encoded = new String(serverFormat.encode(event), StandardCharsets.UTF_8);

        assertThat(encoded).doesNotContain(token);
        JsonNode line = json(encoded);
        assertThat(line.path("message").asText()).isEqualTo("headers Authorization: [redacted]");
    }

    private static Logger root() {
        return ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static JsonNode json(String line) {
        try {
            return SystemUnderTest.JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException("not one JSON object: " + line, e);
        }
    }
}
