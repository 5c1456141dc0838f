package io.billingbridge.server;

import io.billingbridge.core.error.BillingException;
import io.dropwizard.configuration.ConfigurationException;
import java.io.FileNotFoundException;
import java.net.BindException;
import java.net.ConnectException;
import java.sql.SQLException;

/** Turns a start-up failure into the one line an operator needs, instead of a stack trace. */
public final class OneLineErrors {
    private OneLineErrors() {
    }

    /** The one line to print for a failed command. */
    public static String describe(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BillingException) {
                return t.getMessage();
            }
            if (t instanceof StartupProblem) {
                return t.getMessage();
            }
            if (t instanceof ConfigurationException) {
                return "configuration is invalid: " + t.getMessage().replaceAll("\\s*\\R\\s*", " ").trim();
            }
            if (t instanceof FileNotFoundException) {
                return "configuration file not found: " + t.getMessage();
            }
            if (t instanceof BindException) {
                return "cannot listen on a configured port (" + t.getMessage()
                        + "): another process uses it; stop it or change server.applicationConnectors/adminConnectors ports";
            }
            if (t instanceof ConnectException || t instanceof SQLException && isConnectionFailure((SQLException) t)) {
                return "cannot reach the database: " + firstLine(t.getMessage())
                        + " (check DATABASE_URL and that PostgreSQL is running)";
            }
        }
        Throwable root = error;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return "start-up failed: " + root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
    }

    private static boolean isConnectionFailure(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
