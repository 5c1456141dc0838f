package io.billingbridge.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.DropwizardLayout;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import io.dropwizard.logging.json.EventJsonLayoutBaseFactory;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.Locale;
import java.util.TimeZone;

/**
 * An appender layout chosen by one setting ({@code format: text} or {@code json}), so one appender block in
 * config.yml serves both and {@code LOG_FORMAT=json} switches it.
 *
 * <p>Text is Dropwizard's pattern layout with {@code pattern}; JSON is Dropwizard's JSON layout (dropwizard-json-logging)
 * with the MDC flattened, so the Request-Id is a top-level {@code requestId} field. Either way the line then passes
 * through the log redaction, which wraps the appender's encoder.
 */
@JsonTypeName("billing-bridge")
public class SwitchableLayoutFactory implements DiscoverableLayoutFactory<ILoggingEvent> {
    /** The text pattern when none is configured: level, UTC time, Request-Id, logger, message, exception. */
    static final String DEFAULT_PATTERN = "%-5p [%d{ISO8601,UTC}] %X{requestId} %c: %m%n%rEx";

    @NotNull
    @Pattern(regexp = "(?i)text|json", message = "must be text or json")
    private String format = "text";

    @NotNull
    private String pattern = DEFAULT_PATTERN;

    @JsonProperty
    public String getFormat() {
        return format;
    }

    @JsonProperty
    public void setFormat(String format) {
        this.format = format;
    }

    @JsonProperty
    public String getPattern() {
        return pattern;
    }

    @JsonProperty
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    /** Whether this layout writes one JSON object per line. */
    boolean isJson() {
        return "json".equals(format.trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public LayoutBase<ILoggingEvent> build(LoggerContext context, TimeZone timeZone) {
        if (isJson()) {
            EventJsonLayoutBaseFactory json = new EventJsonLayoutBaseFactory();
            json.setFlattenMdc(true);
            return json.build(context, timeZone);
        }
        DropwizardLayout text = new DropwizardLayout(context, timeZone);
        text.setPattern(pattern);
        return text;
    }
}
