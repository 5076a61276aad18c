package dev.meshmall.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The stack's one PostgreSQL (embedded, no installation), with the {@code meshmall} database, in which each service
 * connects as its own role ({@code meshmall_order}) and migrates the schema that role owns. The superuser
 * ({@code postgres}) makes the roles, with the platform's {@code DatabaseRoles} run from a service's jar, as compose's
 * Postgres does at its first start; the password of each is its name, as the service's {@code application.yaml} has
 * it (the embedded server trusts every local connection anyway).
 */
final class Postgres implements AutoCloseable {
    static final String DATABASE = "meshmall";
    static final String SUPERUSER = "postgres";

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
            postgres.createDatabase();
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

    /** The role {@code service} connects as, as the platform's {@code DatabaseRoles.role} names it. */
    static String role(String service) {
        return "meshmall_" + service;
    }

    static String password(String service) {
        return role(service);
    }

    /** Where {@code DatabaseRoles} reads {@code service}'s password, as the platform names it. */
    static String passwordVariable(String service) {
        return "MESHMALL_" + service.toUpperCase(Locale.ROOT) + "_DB_PASSWORD";
    }

    /**
     * Gives each of {@code services} its role (made if missing, its password set, a schema of the one role the
     * services shared before handed over to it), with the platform's {@code DatabaseRoles} from {@code serviceJar}.
     */
    void giveRoles(Path serviceJar, List<String> services) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", serviceJar.toString(), "dev.meshmall.platform.db.DatabaseRoles", jdbcUrl()));
        command.addAll(services);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("MESHMALL_DB_ADMIN_USER", SUPERUSER);
        for (String service : services) {
            env.put(passwordVariable(service), password(service));
        }
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new StartFailure("cannot give the services their database roles: " + output.strip());
            }
        } catch (IOException e) {
            throw new StartFailure("cannot give the services their database roles: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartFailure("interrupted while giving the services their database roles", e);
        }
    }

    private void createDatabase() {
        try (Connection admin = server.getPostgresDatabase().getConnection(); Statement sql = admin.createStatement()) {
            if (!exists(admin, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                sql.execute("CREATE DATABASE " + DATABASE);
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
