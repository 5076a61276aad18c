package dev.meshmall.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The stack's one PostgreSQL (embedded, no installation), with the {@code meshmall} database owned by the
 * {@code meshmall} role, in which each service migrates its own schema.
 */
final class Postgres implements AutoCloseable {
    static final String DATABASE = "meshmall";
    static final String ROLE = "meshmall";
    static final String PASSWORD = "meshmall";

    private final EmbeddedPostgres server;

    private Postgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts on {@code port} with the files of {@code dataDir}, which survive a restart (the demo data does). */
    static Postgres start(DataDir dataDir, int port) {
        EmbeddedPostgres server;
        try {
            server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.postgres())
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", DevStack.LOOPBACK)
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dataDir.postgresLog().toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dataDir.postgresLog().toFile()))
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new StartFailure("PostgreSQL did not start: " + e.getMessage() + " (see " + dataDir.postgresLog()
                    + ")", e);
        }
        Postgres postgres = new Postgres(server);
        try {
            postgres.createAccount();
        } catch (StartFailure e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    int port() {
        return server.getPort();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
    }

    private void createAccount() {
        try (Connection admin = server.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
            if (!exists(admin, "SELECT 1 FROM pg_roles WHERE rolname = ?", ROLE)) {
                sql.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                sql.execute("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
            }
        } catch (SQLException e) {
            throw new StartFailure("cannot create the " + DATABASE + " database: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            return statement.executeQuery().next();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
