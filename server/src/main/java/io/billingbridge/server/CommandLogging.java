package io.billingbridge.server;

import io.dropwizard.core.Configuration;

/**
 * The end of a one-shot command's logging. Dropwizard writes log lines on an asynchronous appender's thread and, at
 * the end of a command, only waits until its queue is empty, which can be before the last line (such as "Configuration
 * is OK") has reached the terminal; the JVM then exits without it. Resetting the logging factory stops that thread,
 * which writes everything it holds first, and leaves a plain console logger for anything after.
 */
final class CommandLogging {
    private CommandLogging() {
    }

    static void finish(Configuration configuration) {
        if (configuration != null) {
            configuration.getLoggingFactory().reset();
        }
    }
}
