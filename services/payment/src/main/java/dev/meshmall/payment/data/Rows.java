package dev.meshmall.payment.data;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbStatementQuery;

/** Reading columns as the Postgres driver hands them over. */
final class Rows {
    private Rows() {
    }

    static java.util.UUID uuid(DbRow row, String column) {
        return (java.util.UUID) row.column(column).get();
    }

    static String text(DbRow row, String column) {
        return row.column(column).get(String.class);
    }

    static long number(DbRow row, String column) {
        return ((Number) row.column(column).get()).longValue();
    }

    static boolean bool(DbRow row, String column) {
        return (Boolean) row.column(column).get();
    }

    static Instant instant(DbRow row, String column) {
        Object value = row.column(column).get();
        return switch (value) {
            case Timestamp timestamp -> timestamp.toInstant();
            case OffsetDateTime time -> time.toInstant();
            case Instant instant -> instant;
            default -> throw new IllegalStateException("column " + column + " is not a timestamp: " + value.getClass());
        };
    }

    static <T> List<T> all(DbStatementQuery query, Function<DbRow, T> mapper) {
        try (Stream<DbRow> rows = query.execute()) {
            return rows.map(mapper).toList();
        }
    }
}
