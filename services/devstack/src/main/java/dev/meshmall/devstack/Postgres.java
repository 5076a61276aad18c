package dev.meshmall.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The stack's one PostgreSQL (embedded, no installation), with the {@code meshmall} database, in which each service
 * connects as its own role ({@code meshmall_order}) and migrates the schema that role owns. The superuser
 * ({@code postgres}) makes the roles, with the platform's {@code DatabaseRoles} run from a service's jar, as compose's
 * Postgres does at its first start; the password of each is its name, as the service's {@code application.yaml} has
 * it (the embedded server trusts every local connection anyway).
 *
 * <p>Once {@link #supervise supervised}, a server that exits for any reason but {@link #close} (a crash, an
 * operator's {@code pg_ctl stop -m immediate}) is started again on the same port and files, with the services'
 * {@link RestartDelay}: PostgreSQL recovers from its write-ahead log, and the services' pools connect again.
 */
final class Postgres implements AutoCloseable {
    static final String DATABASE = "meshmall";
    static final String SUPERUSER = "postgres";

    private final DataDir dataDir;
    private final int port;
    private final RestartDelay delay = new RestartDelay();
    private final AtomicInteger restarts = new AtomicInteger();
    private EmbeddedPostgres server;
    private boolean stopped;

    private Postgres(DataDir dataDir, int port, EmbeddedPostgres server) {
        this.dataDir = dataDir;
        this.port = port;
        this.server = server;
    }

    /** Starts on {@code port} with the files of {@code dataDir}, which survive a restart (the demo data does). */
    static Postgres start(DataDir dataDir, int port) {
        Postgres postgres = new Postgres(dataDir, port, server(dataDir, port));
        try {
            postgres.createDatabase();
        } catch (StartFailure e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    private static EmbeddedPostgres server(DataDir dataDir, int port) {
        try {
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir.postgres())
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", DevStack.LOOPBACK)
                    // the library turns it off (fine for throwaway test data): a crash would lose commits already
                    // answered to shoppers
                    .setServerConfig("synchronous_commit", "on")
                    .setRegisterShutdownHook(false)
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(dataDir.postgresLog().toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(dataDir.postgresLog().toFile()))
                    .setPGStartupWait(Duration.ofSeconds(30))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new StartFailure("PostgreSQL did not start: " + e.getMessage() + " (see " + dataDir.postgresLog()
                    + ")", e);
        }
    }

    /** From now on, restarts the server whenever it exits but for {@link #close}, saying so on the console. */
    void supervise(Console console) {
        delay.healthy(Instant.now());
        watch(console);
    }

    int port() {
        return port;
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

    private void watch(Console console) {
        Optional<ProcessHandle> postmaster = postmaster();
        if (postmaster.isEmpty()) {
            restartLater(console, "PostgreSQL is not running");
            return;
        }
        postmaster.get().onExit().thenRun(() -> restartLater(console, "PostgreSQL (pid " + postmaster.get().pid()
                + ") exited"));
    }

    /** The server's process, as its own pid file names it: pg_ctl detaches it from the devstack. */
    private Optional<ProcessHandle> postmaster() {
        try {
            List<String> lines = Files.readAllLines(dataDir.postgres().resolve("postmaster.pid"));
            return lines.stream().findFirst().flatMap(pid -> ProcessHandle.of(Long.parseLong(pid.trim())));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void restartLater(Console console, String why) {
        if (isStopped()) {
            return;
        }
        Duration wait = delay.exited(Instant.now());
        int restart = restarts.incrementAndGet();
        console.devstack(why + ": restarting it in " + wait.toSeconds() + " s (restart " + restart + ");"
                + " requests that need the database fail until it is back");
        Thread.ofVirtual().name("postgres-restart").start(() -> restart(console, wait, restart));
    }

    private void restart(Console console, Duration wait, int restart) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            return;
        }
        long began = System.nanoTime();
        synchronized (this) {
            if (stopped) {
                return;
            }
            closeExited();
            try {
                server = server(dataDir, port);
            } catch (StartFailure e) {
                restartLater(console, e.getMessage());
                return;
            }
        }
        delay.healthy(Instant.now());
        console.devstack("PostgreSQL: running again in %.1f s (restart %d, pid %s)".formatted(
                (System.nanoTime() - began) / 1e9, restart,
                postmaster().map(p -> Long.toString(p.pid())).orElse("?")));
        watch(console);
    }

    /**
     * Lets go of the server that exited (its lock on the data directory), without the library's error that it
     * could not stop what is no longer running.
     */
    private void closeExited() {
        Logger library = Logger.getLogger(EmbeddedPostgres.class.getName());
        Level level = library.getLevel();
        library.setLevel(Level.OFF);
        try {
            server.close();
        } catch (IOException e) {
            // its lock is released whatever pg_ctl answered; nothing else is held
        } finally {
            library.setLevel(level);
        }
    }

    private synchronized boolean isStopped() {
        return stopped;
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
    public synchronized void close() {
        stopped = true;
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
