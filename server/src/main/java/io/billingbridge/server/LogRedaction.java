package io.billingbridge.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.AppenderAttachable;
import java.nio.charset.Charset;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Takes credentials out of every log line, whatever logged it and at whatever level: Authorization and cookie
 * headers, session cookies, bearer tokens, admin tokens, JWTs and Stripe/Svix keys and signing secrets; and the
 * text of the admin account search ({@code /admin/v1/accounts?q=}), which may be an email address.
 *
 * <p>Jetty at DEBUG (which the admin log-level task can switch on at run time) prints request headers as they
 * arrive, so levels alone cannot keep tokens out of the log. The redaction wraps the encoder of every appender
 * that writes through one (console, file, socket), after Dropwizard has configured logging, so it covers the
 * whole formatted line: message, arguments, exceptions and MDC.
 */
final class LogRedaction {
    static final String REDACTED = "[redacted]";

    private static final List<Rule> RULES = List.of(
            // A header value also ends at a closing quote before "," or "}", so a JSON log line stays JSON.
            new Rule("(?i)((?:proxy-)?authorization|cookie|set-cookie)(\\s*[:=]\\s*)(?:[^\\r\\n,)\\]}\"]|\"(?![,}]))+",
                    "$1$2" + REDACTED),
            new Rule("(?i)(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+", "$1 " + REDACTED),
            new Rule("(__session|__client[A-Za-z_]*)=[^;,\\s\\]}]*", "$1=" + REDACTED),
            new Rule("bbadm_[A-Za-z0-9_-]+", "bbadm_" + REDACTED),
            new Rule("\\b((?:sk|rk|pk)_(?:live|test)_|whsec_)[A-Za-z0-9+/=_-]+", "$1" + REDACTED),
            new Rule("eyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*", REDACTED),
            new Rule("(/admin/v1/accounts\\?(?:[^\\s\"?#]*&)?q=)[^&\\s\"#]*", "$1" + REDACTED));

    private LogRedaction() {
    }

    /** The line with every credential it carries replaced by {@value #REDACTED}. */
    static String redact(String line) {
        String result = line;
        for (Rule rule : RULES) {
            result = rule.apply(result);
        }
        return result;
    }

    /** Wraps the encoder of every appender in the logging context; appenders already wrapped are left as they are. */
    static void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (Logger logger : context.getLoggerList()) {
            wrap(logger);
        }
    }

    private static void wrap(AppenderAttachable<ILoggingEvent> attachable) {
        for (Iterator<Appender<ILoggingEvent>> it = attachable.iteratorForAppenders(); it.hasNext(); ) {
            Appender<ILoggingEvent> appender = it.next();
            if (appender instanceof OutputStreamAppender<ILoggingEvent> stream
                    && stream.getEncoder() != null && !(stream.getEncoder() instanceof RedactingEncoder)) {
                RedactingEncoder encoder = new RedactingEncoder(stream.getEncoder());
                encoder.setContext(stream.getContext());
                encoder.start();
                stream.setEncoder(encoder);
            }
            if (appender instanceof AppenderAttachable<?>) {
                @SuppressWarnings("unchecked")
                AppenderAttachable<ILoggingEvent> nested = (AppenderAttachable<ILoggingEvent>) appender;
                wrap(nested);
            }
        }
    }

    private record Rule(Pattern pattern, String replacement) {
        Rule(String regex, String replacement) {
            this(Pattern.compile(regex), replacement);
        }

        String apply(String line) {
            Matcher matcher = pattern.matcher(line);
            return matcher.find() ? matcher.replaceAll(replacement) : line;
        }
    }

    /** An encoder that redacts what another encoder produced. */
    static final class RedactingEncoder extends EncoderBase<ILoggingEvent> {
        private final Encoder<ILoggingEvent> delegate;
        private final Charset charset;

        RedactingEncoder(Encoder<ILoggingEvent> delegate) {
            this.delegate = delegate;
            Charset declared = delegate instanceof LayoutWrappingEncoder<ILoggingEvent> layout ? layout.getCharset() : null;
            this.charset = declared != null ? declared : Charset.defaultCharset();
        }

        @Override
        public byte[] headerBytes() {
            return delegate.headerBytes();
        }

        @Override
        public byte[] encode(ILoggingEvent event) {
            byte[] encoded = delegate.encode(event);
            if (encoded == null) {
                return null;
            }
            String line = new String(encoded, charset);
            String redacted = redact(line);
            return redacted.equals(line) ? encoded : redacted.getBytes(charset);
        }

        @Override
        public byte[] footerBytes() {
            return delegate.footerBytes();
        }
    }
}
