package dev.meshmall.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL per test JVM, started on first use and stopped when the JVM exits. Each call of
 * {@link #newDatabase()} creates an empty database in it, so test classes never see each other's rows.
 */
public final class TestDatabase {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    /** An empty database, as the {@code db.connection.*} keys a service reads. */
    public static Map<String, String> newDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return Map.of(
                "db.connection.url", server().getJdbcUrl("postgres", name),
                "db.connection.username", "postgres",
                "db.connection.password", "postgres");
    }

    /**
     * Runs SQL on a database of {@link #newDatabase()}, as the tests' own look behind a service: answers the rows
     * of a query (each column as Postgres's text form), or the update count of any other statement.
     */
    public static List<List<String>> rows(Map<String, String> database, String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(database.get("db.connection.url"),
                database.get("db.connection.username"), database.get("db.connection.password"));
             PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            if (!s.execute()) {
                return List.of(List.of(Integer.toString(s.getUpdateCount())));
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet rs = s.getResultSet()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every row of the tables of {@code schema}, each as Postgres's text form, table by table: what a refused
     * request must leave exactly as it was.
     */
    public static List<String> everyRow(Map<String, String> database, String schema, String... tables) {
        List<String> everyRow = new ArrayList<>();
        for (String table : tables) {
            rows(database, "SELECT CAST(t AS text) FROM " + schema + "." + table + " t ORDER BY 1")
                    .forEach(row -> everyRow.add(table + " " + row.getFirst()));
        }
        return everyRow;
    }

    public static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the data directory is temporary
                }
            }));
        }
        return postgres;
    }
}
