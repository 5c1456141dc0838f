package io.billingbridge.server;

import ch.qos.logback.access.common.spi.IAccessEvent;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.logging.common.AbstractAppenderFactory;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;

/**
 * The request log leaves query strings out unless config.yml sets a {@code logFormat}: the admin account search
 * takes its text in {@code q}, which may be an email address, and no address may reach a log.
 *
 * <p>The format is Dropwizard's default with the request line {@code "%r"} written as method, path and protocol.
 */
final class RequestLogDefaults {
    /** Dropwizard's default request log format, with {@code %r} (which carries the query) as {@code %m %U %H}. */
    static final String FORMAT = "%h %l %u [%t{dd/MMM/yyyy:HH:mm:ss Z,TIME_ZONE}] \"%m %U %H\" %s %b "
            + "\"%i{Referer}\" \"%i{User-Agent}\" %D";

    private RequestLogDefaults() {
    }

    static void apply(ServerFactory serverFactory) {
        if (!(serverFactory instanceof AbstractServerFactory server)
                || !(server.getRequestLogFactory() instanceof LogbackAccessRequestLogFactory requestLog)) {
            return;
        }
        for (AppenderFactory<IAccessEvent> appender : requestLog.getAppenders()) {
            if (appender instanceof AbstractAppenderFactory<IAccessEvent> configurable
                    && configurable.getLogFormat() == null) {
                configurable.setLogFormat(FORMAT.replace("TIME_ZONE", configurable.getTimeZone().getID()));
            }
        }
    }
}
