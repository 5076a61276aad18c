package dev.meshmall.platform.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import io.helidon.dbclient.DbRow;
import io.helidon.dbclient.DbStatementQuery;

/** Reading columns as the Postgres driver hands them over. Columns that can be NULL are COALESCEd in the SQL. */
public final class Rows {
    private Rows() {
    }

    public static UUID uuid(DbRow row, String column) {
        return (UUID) row.column(column).get();
    }

    public static String text(DbRow row, String column) {
        return row.column(column).get(String.class);
    }

    public static int integer(DbRow row, String column) {
        return ((Number) row.column(column).get()).intValue();
    }

    public static long number(DbRow row, String column) {
        return ((Number) row.column(column).get()).longValue();
    }

    public static boolean bool(DbRow row, String column) {
        return (Boolean) row.column(column).get();
    }

    /** A list selected as {@code string_agg(..., ',')} or {@code array_to_string(..., ',')}; '' is empty. */
    public static List<String> list(DbRow row, String column) {
        String text = text(row, column);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }

    public static Instant instant(DbRow row, String column) {
        Object value = row.column(column).get();
        return switch (value) {
            case Timestamp timestamp -> timestamp.toInstant();
            case OffsetDateTime time -> time.toInstant();
            case Instant instant -> instant;
            default -> throw new IllegalStateException("column " + column + " is not a timestamp: " + value.getClass());
        };
    }

    /** Every row of the query, mapped, with the result stream closed. */
    public static <T> List<T> all(DbStatementQuery query, Function<DbRow, T> mapper) {
        try (Stream<DbRow> rows = query.execute()) {
            return rows.map(mapper).toList();
        }
    }
}
