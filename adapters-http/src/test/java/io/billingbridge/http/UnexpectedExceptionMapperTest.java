package io.billingbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.billingbridge.http.api.ErrorBody;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** An unreachable database is a 503 with Retry-After and a throttled warn line, not a 500 with a stack trace. */
class UnexpectedExceptionMapperTest {
    private final AtomicLong now = new AtomicLong();
    private final Logger log = (Logger) LoggerFactory.getLogger("test.outage." + System.nanoTime());
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private UnexpectedExceptionMapper mapper;

    @BeforeEach
    void capture() {
        lines.start();
        log.addAppender(lines);
        mapper = new UnexpectedExceptionMapper(new ThrottledWarning(log, Duration.ofSeconds(10), now::get));
    }

    /** How Jdbi hands over a refused connection: its own runtime exception around the driver's. */
    private static RuntimeException wrapped(SQLException driver) {
        return new IllegalStateException("Unable to obtain connection", new RuntimeException(driver));
    }

    @Test
    void connectionFailureDeepInTheCauseChainIsA503WithRetryAfter() {
        Response response = mapper.toResponse(wrapped(new SQLException("Connection refused", "08001")));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        ErrorBody body = (ErrorBody) response.getEntity();
        assertThat(body.error().type()).isEqualTo("api_error");
        assertThat(body.error().code()).isEqualTo("service_unavailable");
        assertThat(body.error().message()).doesNotContain("refused", "08001");
    }

    @Test
    void transientConnectionExceptionsAndServerShutdownAreOutagesToo() {
        assertThat(mapper.toResponse(wrapped(new SQLTransientConnectionException("pool timeout"))).getStatus())
                .isEqualTo(503);
        assertThat(mapper.toResponse(wrapped(new SQLException("terminating connection", "57P01"))).getStatus())
                .isEqualTo(503);
        assertThat(mapper.toResponse(wrapped(new SQLException("too many connections", "53300"))).getStatus())
                .isEqualTo(503);
    }

    @Test
    void otherSqlErrorsStayA500() {
        Response response = mapper.toResponse(wrapped(new SQLException("syntax error", "42601")));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeaderString("Retry-After")).isNull();
    }

    @Test
    void anOutageLogsOneLinePerIntervalWithTheCountOfLinesLeftOut() {
        for (int i = 0; i < 50; i++) {
            mapper.toResponse(wrapped(new SQLException("Connection refused", "08001")));
        }
        assertThat(lines.list).hasSize(1);
        assertThat(lines.list.get(0).getThrowableProxy()).as("no stack trace").isNull();

        now.addAndGet(Duration.ofSeconds(10).toNanos());
        mapper.toResponse(wrapped(new SQLException("Connection refused", "08001")));

        assertThat(lines.list).hasSize(2);
        assertThat(lines.list.get(1).getFormattedMessage()).contains("49 more");
    }
}
