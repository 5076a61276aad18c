package dev.meshmall.devstack;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * {@code ./devstack}: the whole system on one machine. An embedded PostgreSQL, then each service of
 * {@code devstack.yaml} as its own JVM (configured through the same environment variables compose and
 * Kubernetes set, and a config file of its own that it reloads), each awaited healthy before the next and
 * restarted whenever it dies (PostgreSQL too), then the entry port routing as the mesh ingress does, and on a first start the demo
 * catalog. Ctrl-C stops everything it started.
 */
public final class DevStack {
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    /** Every socket of the devstack listens on loopback only: it is one person's machine, not a server. */
    static final String LOOPBACK = "127.0.0.1";

    private final Path repositoryRoot;
    private final Options options;
    private final Topology topology;
    private final Console console;
    private final AdminAccount admin;
    private final List<Supervisor> services = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private DataDir dataDir;
    private Certificates certificates;
    private ConfigFiles configFiles;
    private Postgres postgres;
    private IngressProxy proxy;

    DevStack(Path repositoryRoot, Options options, Topology topology, Console console, AdminAccount admin) {
        this.repositoryRoot = repositoryRoot;
        this.options = options;
        this.topology = topology;
        this.console = console;
        this.admin = admin;
    }

    public static void main(String[] args) {
        Path repositoryRoot = repositoryRoot();
        Topology table = Topology.load();
        List<String> arguments = List.of(args);
        if (Options.wantsHelp(arguments)) {
            System.out.print(Options.usage(table));
            return;
        }
        Options options;
        try {
            options = Options.parse(arguments, System.getenv(), repositoryRoot);
        } catch (IllegalArgumentException e) {
            System.err.println("devstack: " + e.getMessage() + " (see ./devstack --help)");
            System.exit(2);
            return;
        }
        Topology topology = table.shifted(options.servicePortOffset());
        Console console = Console.standardOutput(topology.services().stream().map(ServiceSpec::name).toList(),
                System.getenv());
        ConsoleLogHandler.install(console);
        DevStack stack = new DevStack(repositoryRoot, options, topology, console, AdminAccount.from(System.getenv()));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "devstack-stop"));
        try {
            stack.start();
        } catch (RuntimeException e) {
            if (!stack.isStopping()) {
                console.devstack(e instanceof StartFailure ? e.getMessage() : "cannot start: " + e);
                System.exit(1);
            }
        }
        stack.awaitStop();
    }

    void start() {
        long began = System.nanoTime();
        console.devstack("meshmall devstack: " + topology.services().size() + " services, data in "
                + options.dataDir());
        if (admin.defaults()) {
            console.devstack("admin account: " + admin.describe());
        }
        whileRunning(() -> dataDir = DataDir.claim(options.dataDir()));
        dataDir.orphanedPostgres().ifPresent(this::stopOrphan);
        NeededPort.whyNotAll(neededPorts()).ifPresent(reason -> {
            throw new StartFailure(reason);
        });
        topology.services().forEach(this::checkJar);
        if (options.fresh()) {
            console.devstack("--fresh: wiping the database in " + dataDir.postgres() + " (the config files stay)");
            dataDir.wipe();
        }
        seedConfigFiles();
        startPostgres();
        certificates = Certificates.issue(dataDir.root().resolve("certs"),
                ServiceProcess.jar(repositoryRoot, topology.services().getFirst()),
                topology.services().stream().map(ServiceSpec::name).toList());
        topology.services().forEach(this::startService);
        whileRunning(() -> proxy = IngressProxy.start(options.entryPort(), topology));
        console.devstack(new DemoCatalog(proxy.port(), admin).loadIfEmpty(topology));
        printSummary(Duration.ofNanos(System.nanoTime() - began));
    }

    /** Stops what runs, the services first (they hold connections to PostgreSQL); safe to call more than once. */
    synchronized void stop() {
        if (isStopping()) {
            return;
        }
        stopped.countDown();
        if (!services.isEmpty()) {
            console.devstack("stopping " + String.join(", ", services.stream().map(s -> s.spec().name()).toList()));
        }
        stopServices();
        if (proxy != null) {
            proxy.close();
        }
        if (postgres != null) {
            postgres.close();
            console.devstack("PostgreSQL stopped");
        }
        if (dataDir != null) {
            dataDir.close();
        }
    }

    boolean isStopping() {
        return stopped.getCount() == 0;
    }

    void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a step that leaves something running, unless Ctrl-C came first: then nothing new is started. */
    private synchronized void whileRunning(Runnable step) {
        if (isStopping()) {
            throw new StartFailure("stopped");
        }
        step.run();
    }

    private void stopOrphan(ProcessHandle orphan) {
        console.devstack("stopping the PostgreSQL (pid " + orphan.pid() + ") that a killed devstack left running");
        orphan.destroy();
        try {
            orphan.onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new StartFailure("the PostgreSQL left running (pid " + orphan.pid() + ") does not stop: stop it"
                    + " and start again");
        }
    }

    private List<NeededPort> neededPorts() {
        List<NeededPort> ports = new ArrayList<>();
        ports.add(new NeededPort(options.entryPort(), "entry"));
        ports.add(new NeededPort(options.postgresPort(), "postgres"));
        for (ServiceSpec service : topology.services()) {
            ports.add(new NeededPort(service.httpPort(), service.name() + " http"));
            ports.add(new NeededPort(service.grpcPort(), service.name() + " grpc"));
        }
        return ports;
    }

    private void checkJar(ServiceSpec service) {
        Path jar = ServiceProcess.jar(repositoryRoot, service);
        if (!Files.isRegularFile(jar)) {
            throw new StartFailure(repositoryRoot.relativize(jar) + " is missing: run ./mvnw install first");
        }
    }

    private void seedConfigFiles() {
        configFiles = ConfigFiles.in(dataDir.config());
        for (ServiceSpec service : topology.services()) {
            configFiles.seed(service.name(), ConfigFiles.applicationYaml(ServiceProcess.jar(repositoryRoot, service)));
        }
        console.devstack("config files in " + configFiles.folder() + ": edit one and its service applies the"
                + " change without a restart");
    }

    private void startPostgres() {
        console.devstack("PostgreSQL: starting on port " + options.postgresPort() + ", data in "
                + dataDir.postgres());
        long began = System.nanoTime();
        whileRunning(() -> postgres = Postgres.start(dataDir, options.postgresPort()));
        postgres.giveRoles(ServiceProcess.jar(repositoryRoot, topology.services().getFirst()),
                topology.services().stream().map(ServiceSpec::name).toList());
        console.devstack("PostgreSQL: ready in " + seconds(Duration.ofNanos(System.nanoTime() - began))
                + ", each service with its own role (meshmall_<service>)");
        postgres.supervise(console);
    }

    private void startService(ServiceSpec service) {
        console.devstack(service.name() + ": starting (http " + service.httpPort() + ", grpc " + service.grpcPort()
                + ")");
        long began = System.nanoTime();
        Map<String, String> environment = environment(service);
        Supervisor supervisor = new Supervisor(service,
                () -> ServiceProcess.start(service, repositoryRoot, environment, console), console, HEALTH_TIMEOUT);
        whileRunning(() -> services.add(supervisor));
        supervisor.start();
        console.devstack(service.name() + ": healthy in " + seconds(Duration.ofNanos(System.nanoTime() - began)));
    }

    /** The configuration keys compose and Kubernetes set too, as environment variables. */
    private Map<String, String> environment(ServiceSpec service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_HOST", LOOPBACK);
        env.put("SERVER_PORT", Integer.toString(service.httpPort()));
        env.put("GRPC_PORT", Integer.toString(service.grpcPort()));
        env.put("GRPC_REFLECTION", "true");
        env.put("IDENTITY_TLS_CERTIFICATE", certificates.certificate(service.name()).toString());
        env.put("IDENTITY_TLS_KEY", certificates.key(service.name()).toString());
        env.put("IDENTITY_TLS_CA", certificates.ca().toString());
        env.put("DB_CONNECTION_URL", postgres.jdbcUrl());
        env.put("DB_CONNECTION_USERNAME", Postgres.role(service.name()));
        env.put("DB_CONNECTION_PASSWORD", Postgres.password(service.name()));
        env.put("JWT_JWKS", "http://" + topology.service("auth").httpAddress() + "/.well-known/jwks.json");
        for (ServiceSpec peer : topology.services()) {
            env.put("SERVICES_" + peer.name().toUpperCase(Locale.ROOT) + "_GRPC", peer.grpcAddress());
        }
        env.put(AdminAccount.EMAIL_VARIABLE, admin.email());
        env.put(AdminAccount.PASSWORD_VARIABLE, admin.password());
        env.put("MESHMALL_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
        env.put("MESHMALL_CONFIG_FILE", configFiles.of(service.name()).toString());
        return env;
    }

    private void printSummary(Duration took) {
        console.devstack("");
        console.devstack("meshmall is up in " + seconds(took));
        console.devstack("  entry     http://localhost:" + proxy.port() + "  (the REST API, routed as the mesh"
                + " ingress does)");
        for (ServiceSpec service : topology.services()) {
            console.devstack("  %-9s http://%s  grpc %s".formatted(service.name(), service.httpAddress(),
                    service.grpcAddress()));
        }
        console.devstack("  postgres  " + postgres.jdbcUrl() + "  (superuser " + Postgres.SUPERUSER
                + "; each service as " + Postgres.role("<service>") + ", its password the same)");
        console.devstack("  admin     " + admin.describe());
        console.devstack("  config    " + configFiles.folder() + "  (one file per service, applied live)");
        console.devstack("  grpc      each port is mTLS; as the developer, with a user's token:");
        console.devstack("            grpcurl -cacert %s -cert %s -key %s -H \"authorization: Bearer $TOKEN\" %s list"
                .formatted(certificates.ca(), certificates.certificate(Certificates.DEVELOPER),
                        certificates.key(Certificates.DEVELOPER), topology.services().getFirst().grpcAddress()));
        console.devstack("Ctrl-C stops everything");
    }

    /**
     * No more restarts, then SIGTERM to every service and whatever it started, up to {@link #STOP_GRACE} for them
     * to finish, then SIGKILL for what is left.
     */
    private void stopServices() {
        List<ProcessHandle> processes = services.reversed().stream()
                .map(Supervisor::stop)
                .flatMap(Optional::stream)
                .flatMap(service -> Stream.concat(Stream.of(service), service.descendants()))
                .toList();
        processes.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle process : processes) {
            awaitExit(process, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        for (ProcessHandle process : processes) {
            if (process.isAlive()) {
                console.devstack("pid " + process.pid() + " did not stop within " + STOP_GRACE.toSeconds()
                        + " s: killing it");
                process.destroyForcibly();
                awaitExit(process, Duration.ofSeconds(5));
            }
        }
    }

    private static void awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still running: the caller decides
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String seconds(Duration duration) {
        return "%.1f s".formatted(duration.toMillis() / 1000.0);
    }

    /** The jar sits in {@code services/devstack/target/}, the classes of a test in {@code .../target/classes/}. */
    private static Path repositoryRoot() {
        try {
            Path location = Path.of(DevStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path root = location.getParent().getParent().getParent().getParent();
            if (!Files.isDirectory(root.resolve("services"))) {
                throw new IllegalStateException("the devstack runs from a meshmall checkout; " + location
                        + " is not in one");
            }
            return root;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
