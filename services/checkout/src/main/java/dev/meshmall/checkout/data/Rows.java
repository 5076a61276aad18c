package dev.meshmall.checkout.data;

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

    static boolean bool(DbRow row, String column) {
        return (Boolean) row.column(column).get();
    }

    static <T> List<T> all(DbStatementQuery query, Function<DbRow, T> mapper) {
        try (Stream<DbRow> rows = query.execute()) {
            return rows.map(mapper).toList();
        }
    }
}
