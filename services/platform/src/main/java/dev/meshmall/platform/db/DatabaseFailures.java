package dev.meshmall.platform.db;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;

/**
 * A failure that means the database cannot be reached (down, restarting, the pool out of connections past its
 * timeout) is the service being unavailable, answered 503 / UNAVAILABLE so that a retry is the client's move,
 * not a bug answered 500. Nothing of it was written: a transaction cut off by a lost connection rolls back.
 */
public final class DatabaseFailures {
    private static final Logger LOG = Logger.getLogger(DatabaseFailures.class.getName());
    /** SQLSTATE class 08 (connection exception) and the server shutting down or starting up. */
    private static final String CONNECTION_CLASS = "08";
    private static final Set<String> SERVER_GOING = Set.of("57P01", "57P02", "57P03");

    private DatabaseFailures() {
    }

    /** The unavailability {@code error} stands for, when a cause of it is the database being out of reach. */
    public static Optional<DomainError> unavailable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (outOfReach(cause)) {
                LOG.warning("the database is out of reach: " + cause);
                return Optional.of(new DomainError(ErrorKind.UNAVAILABLE, "database_unavailable",
                        "the service's database is unavailable; try again"));
            }
        }
        return Optional.empty();
    }

    private static boolean outOfReach(Throwable cause) {
        if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                || cause instanceof ConnectException) {
            return true;
        }
        return cause instanceof SQLException sql && sql.getSQLState() != null
                && (sql.getSQLState().startsWith(CONNECTION_CLASS) || SERVER_GOING.contains(sql.getSQLState()));
    }
}
