package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.access.common.spi.IAccessEvent;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.logging.common.AbstractAppenderFactory;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestLogDefaultsTest {

    private static String formatAfterApply(ConsoleAppenderFactory<IAccessEvent> appender) {
        DefaultServerFactory server = new DefaultServerFactory();
        LogbackAccessRequestLogFactory requestLog = new LogbackAccessRequestLogFactory();
        requestLog.setAppenders(List.of(appender));
        server.setRequestLogFactory(requestLog);
        RequestLogDefaults.apply(server);
        return ((AbstractAppenderFactory<IAccessEvent>) requestLog.getAppenders().get(0)).getLogFormat();
    }

    @Test
    void theDefaultRequestLineIsWrittenWithoutItsQueryString() {
        String format = formatAfterApply(new ConsoleAppenderFactory<>());
        assertThat(format).doesNotContain("%r").contains("\"%m %U %H\"").contains("Z,UTC}]");
    }

    @Test
    void aFormatSetInTheConfigurationIsKept() {
        ConsoleAppenderFactory<IAccessEvent> appender = new ConsoleAppenderFactory<>();
        appender.setLogFormat("%h \"%r\" %s");
        assertThat(formatAfterApply(appender)).isEqualTo("%h \"%r\" %s");
    }
}
