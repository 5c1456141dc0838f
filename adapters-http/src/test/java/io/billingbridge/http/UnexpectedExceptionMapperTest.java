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
        mapper = new UnexpectedExceptionMapper(new ThrottledWarning(log, Duration.ofSeconds(10), now::get),
                new ThrottledWarning(log, Duration.ofSeconds(10), now::get), PoolExhausted.class::isInstance);
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

    /** A pool's "no connection free in time", as tomcat-jdbc throws it: an SQLException with no SQLState. */
    private static final class PoolExhausted extends SQLException {
        private static final long serialVersionUID = 1L;

        PoolExhausted() {
            super("Timeout: Pool empty. Unable to fetch a connection in 5 seconds, none available[size:4; busy:4]");
        }
    }

    @Test
    void aFullConnectionPoolIsA503WithRetryAfterInTheErrorShape() {
        Response response = mapper.toResponse(wrapped(new PoolExhausted()));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("2");
        ErrorBody body = (ErrorBody) response.getEntity();
        assertThat(body.error().type()).isEqualTo("api_error");
        assertThat(body.error().code()).isEqualTo("service_unavailable");
        assertThat(body.error().message()).doesNotContain("Pool", "busy");
        assertThat(lines.list).hasSize(1);
        assertThat(lines.list.get(0).getFormattedMessage()).contains("no free database connection");
    }

    @Test
    void aMapperThatKnowsNoPoolLeavesAFullPoolA500() {
        Response response = new UnexpectedExceptionMapper().toResponse(wrapped(new PoolExhausted()));

        assertThat(response.getStatus()).isEqualTo(500);
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
