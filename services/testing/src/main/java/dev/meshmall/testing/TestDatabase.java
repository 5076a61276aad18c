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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.meshmall.platform.db.DatabaseRoles;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL per test JVM, started on first use and stopped when the JVM exits. Each call of
 * {@link #newDatabase()} creates an empty database in it, so test classes never see each other's rows, with
 * each service's own role as production has them ({@link DatabaseRoles}). A service started by
 * {@link TestServices} connects as its role; the tests' own look behind the services ({@link #rows}) is the
 * superuser's.
 */
public final class TestDatabase {
    /** The embedded server's superuser, as {@link #newDatabase()} answers it. */
    public static final String ADMIN = "postgres";
    private static final String USERNAME = "db.connection.username";
    private static final String PASSWORD = "db.connection.password";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabase() {
    }

    /**
     * An empty database in which each of the shop's services has its role, as the {@code db.connection.*} keys of
     * the superuser ({@link #asServiceRole} turns them into a service's).
     */
    public static Map<String, String> newDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        Map<String, String> database = Map.of(
                // not getJdbcUrl(user, name): a user in the URL would win over every username given beside it
                "db.connection.url", "jdbc:postgresql://localhost:" + server().getPort() + "/" + name,
                USERNAME, ADMIN,
                PASSWORD, ADMIN);
        giveRoles(database, DatabaseRoles.SCHEMAS.keySet().stream()
                .map(service -> DatabaseRoles.ServiceRole.of(service, password(service)))
                .toList());
        return database;
    }

    /**
     * {@code settings} with the username and password of {@code service}'s own role, made in their database if it
     * is not there yet (a test's own service, say), when they are the superuser's of {@link #newDatabase()};
     * otherwise (a test that sets a password of its own) as they are.
     */
    public static Map<String, String> asServiceRole(Map<String, String> settings, String service, String schema) {
        if (!settings.containsKey("db.connection.url") || !ADMIN.equals(settings.get(USERNAME))
                || !ADMIN.equals(settings.get(PASSWORD))) {
            return settings;
        }
        giveRoles(settings, List.of(new DatabaseRoles.ServiceRole(service, schema, password(service))));
        Map<String, String> own = new HashMap<>(settings);
        own.put(USERNAME, DatabaseRoles.role(service));
        own.put(PASSWORD, password(service));
        return own;
    }

    /** The password of a service's role in the tests: its name, as the services' application.yaml has it. */
    private static String password(String service) {
        return DatabaseRoles.role(service);
    }

    /** Roles are the server's, not one database's: one change at a time, or two would collide creating one. */
    private static synchronized void giveRoles(Map<String, String> database, List<DatabaseRoles.ServiceRole> roles) {
        try (Connection c = DriverManager.getConnection(database.get("db.connection.url"), database.get(USERNAME),
                database.get(PASSWORD))) {
            DatabaseRoles.give(c, roles);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot give the services their roles: " + e.getMessage(), e);
        }
    }

    /**
     * Runs SQL on a database of {@link #newDatabase()}, as the tests' own look behind a service: answers the rows
     * of a query (each column as Postgres's text form), or the update count of any other statement.
     */
    public static List<List<String>> rows(Map<String, String> database, String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(database.get("db.connection.url"), database.get(USERNAME),
                database.get(PASSWORD));
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
                // pg_stat_statements: tests count the statements a request runs
                postgres = EmbeddedPostgres.builder()
                        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .start();
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
