package io.billingbridge.http;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Recognises "the database cannot be reached" in an exception's cause chain, from JDBC alone: a
 * {@link SQLTransientConnectionException}, or a {@link SQLException} whose SQLState is a connection exception
 * (class 08), too many connections (53300) or a server shutting down or starting up (57P01 to 57P03).
 *
 * <p>Jdbi and the pool wrap these in their own exceptions, which this module does not see; the JDBC cause is
 * always there.
 */
final class DatabaseOutage {
    private static final Set<String> UNAVAILABLE_STATES = Set.of("53300", "57P01", "57P02", "57P03");
    private static final int MAX_DEPTH = 20;

    private DatabaseOutage() {
    }

    /** Whether {@code e} or one of its causes says the database is unreachable. */
    static boolean isCause(Throwable e) {
        return anyCause(e, current -> current instanceof SQLTransientConnectionException
                || current instanceof SQLException sql && sql.getSQLState() != null
                        && (sql.getSQLState().startsWith("08") || UNAVAILABLE_STATES.contains(sql.getSQLState())));
    }

    /** Whether {@code e} or one of its causes (at most {@value #MAX_DEPTH} deep) is {@code what}. */
    static boolean anyCause(Throwable e, Predicate<Throwable> what) {
        Throwable current = e;
        for (int depth = 0; current != null && depth < MAX_DEPTH; depth++) {
            if (what.test(current)) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }
}
