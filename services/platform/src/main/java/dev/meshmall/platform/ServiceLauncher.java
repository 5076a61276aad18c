package dev.meshmall.platform;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import dev.meshmall.platform.config.DevelopmentDefaults;
import dev.meshmall.platform.config.ServiceConfig;
import dev.meshmall.platform.db.Database;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.platform.grpc.GrpcEdge;
import dev.meshmall.platform.grpc.Reflection;
import dev.meshmall.platform.http.HttpEdge;
import dev.meshmall.platform.http.Json;
import dev.meshmall.platform.http.OpenApiDocument;
import dev.meshmall.platform.http.Problems;
import dev.meshmall.platform.http.PublicRoutes;
import dev.meshmall.platform.identity.GrpcAccess;
import dev.meshmall.platform.identity.KeySource;
import dev.meshmall.platform.identity.LocalCa;
import dev.meshmall.platform.identity.RemoteJwks;
import dev.meshmall.platform.identity.TokenVerifier;
import dev.meshmall.platform.identity.WorkloadIdentity;
import dev.meshmall.platform.log.Logs;

import com.google.protobuf.Descriptors;
import io.grpc.BindableService;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.config.Config;
import io.helidon.dbclient.DbClient;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.HttpException;
import io.helidon.http.media.MediaContext;
import io.helidon.http.media.jackson.JacksonSupport;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.grpc.GrpcRouting;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.observe.metrics.MetricsObserver;

/**
 * Starts a service the one way every meshmall service starts: configuration, JSON logs, the schema migrated,
 * the database pool, then the {@code http} socket (REST, {@code /observe/health}, {@code /observe/metrics},
 * {@code /openapi}) and the {@code grpc} socket (Helidon's gRPC, the service's own mTLS outside the mesh,
 * reflection where {@code grpc.reflection} is on), both behind the platform's edges. {@code migrate} as the first argument only migrates and exits (the Kubernetes
 * Job).
 */
public final class ServiceLauncher {
    private static final Logger LOG = Logger.getLogger(ServiceLauncher.class.getName());
    /** Set by the devstack: a service whose launcher died exits too, so no process is left behind. */
    public static final String PARENT_PID_VARIABLE = "MESHMALL_PARENT_PID";
    static final String GRPC_SOCKET = "grpc";

    private ServiceLauncher() {
    }

    public static void run(ServiceApp app, String[] args) {
        if (args.length > 1 || (args.length == 1 && !args[0].equals("migrate"))) {
            System.err.println("usage: " + app.name() + " [migrate]");
            System.exit(2);
        }
        Config config = ServiceConfig.load(app.getClass());
        Logs.setUp(app.name(), config);
        try {
            if (args.length == 1) {
                app.schema().ifPresent(schema -> Database.migrate(config.get("db"), schema));
                LOG.info(app.name() + ": schema migrated");
                return;
            }
            RunningService service = start(app, config);
            Runtime.getRuntime().addShutdownHook(new Thread(service::close, app.name() + "-shutdown"));
            exitWithParent();
        } catch (RuntimeException e) {
            LOG.severe(app.name() + " cannot start: " + rootCause(e));
            System.exit(1);
        }
    }

    /** The innermost message, which is the one that names the cause (a refused connection, a taken port). */
    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? e.toString() : e.getMessage() + " (" + cause + ")";
    }

    /** Starts {@code app} with {@code config}; tests call this with ports 0 and the embedded database. */
    public static RunningService start(ServiceApp app, Config config) {
        return start(app, config, GrpcAccess.shop());
    }

    /** As {@link #start(ServiceApp, Config)}, enforcing {@code access} on the gRPC socket. */
    public static RunningService start(ServiceApp app, Config config, GrpcAccess access) {
        DevelopmentDefaults.refuseInProduction(app.getClass(), config);
        app.schema().ifPresent(schema -> Database.migrate(config.get("db"), schema));
        List<AutoCloseable> resources = new ArrayList<>();
        WebServer server = null;
        try {
            Optional<DbClient> db = app.schema().map(schema -> Database.connect(config.get("db")));
            db.ifPresent(resources::add);
            WorkloadIdentity identity = WorkloadIdentity.from(config, app.name());
            GrpcClients clients = new GrpcClients(config, identity);
            resources.addFirst(clients);
            Wiring wiring = app.wire(new ServiceContext(app.name(), config, db, clients));
            resources.addAll(0, wiring.onStop());

            TokenVerifier verifier = new TokenVerifier(wiring.keys().orElseGet(() -> remoteJwks(config)),
                    config.get("jwt.issuer").asString().supplier("meshmall-auth"),
                    config.get("jwt.audience").asString().supplier("meshmall"));
            server = startServer(config, wiring, db, verifier, identity, access);
            if (!server.isRunning()) {
                // Helidon logs a listener that cannot bind and returns a stopped server instead of throwing
                throw new IllegalStateException("cannot open the http port " + config.get("server.port").asInt().orElse(8080)
                        + " or the grpc port " + config.get("grpc.port").asInt().orElse(9090));
            }
            LOG.info(app.name() + " started: http " + server.port() + ", grpc " + server.port(GRPC_SOCKET));
            return new RunningService(app.name(), server, resources);
        } catch (RuntimeException e) {
            if (server != null) {
                server.stop();
            }
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    private static KeySource remoteJwks(Config config) {
        return new RemoteJwks(config.get("jwt.jwks").asString().supplier("http://auth:8080/.well-known/jwks.json"),
                Duration.ofMinutes(10), Duration.ofSeconds(5), Clock.systemUTC());
    }

    /**
     * One Helidon server, two sockets: {@code http} (the default socket: REST, observe, OpenAPI) and {@code grpc}
     * (Helidon's gRPC with our reflection, the generated grpc-java services behind the platform's gRPC edge).
     */
    private static WebServer startServer(Config config, Wiring wiring, Optional<DbClient> db, TokenVerifier verifier,
                                         WorkloadIdentity identity, GrpcAccess access) {
        var health = HealthObserver.builder().details(config.get("health.details").asBoolean().orElse(false));
        wiring.checks().forEach(health::addCheck);
        db.ifPresent(client -> health.addCheck(() -> databaseHealth(client), HealthCheckType.READINESS, "database"));
        ObserveFeature observe = ObserveFeature.builder()
                .addObserver(health.build())
                .addObserver(MetricsObserver.create())
                .build();
        HttpEdge edge = new HttpEdge(verifier, PublicRoutes.from(config));
        OpenApiDocument openApi = new OpenApiDocument();
        GrpcRouting.Builder grpc = GrpcRouting.builder().intercept(new GrpcEdge(verifier, identity, access));
        wiring.grpc().forEach(service -> fileOf(service).ifPresentOrElse(
                file -> grpc.service(file, service), () -> grpc.service(service)));
        if (config.get("grpc.reflection").asBoolean().orElse(false)) {
            grpc.service(new Reflection(wiring.grpc().stream().flatMap(service -> fileOf(service).stream()).toList()));
        }
        Config server = config.get("server");
        return WebServer.builder()
                .config(server)
                // an answer written in pieces must not wait on the peer's delayed ACK (the sidecar's, say)
                .connectionOptions(options -> options.tcpNoDelay(true))
                .featuresDiscoverServices(false)
                .shutdownHook(false)
                .addFeature(observe)
                .mediaContext(MediaContext.builder().addMediaSupport(JacksonSupport.create(Json.MAPPER)).build())
                .routing(routing -> {
                    routing.addFilter(edge);
                    routing.error(DomainError.class, (req, res, e) -> Problems.send(req, res, e));
                    routing.error(HttpException.class, Problems::sendHttp);
                    routing.error(RuntimeException.class, Problems::sendUnexpected);
                    routing.register(OpenApiDocument.PATH, openApi);
                    wiring.http().accept(routing);
                })
                .putSocket(GRPC_SOCKET, socket -> socket
                        .host(server.get("host").asString().orElse("0.0.0.0"))
                        .port(config.get("grpc.port").asInt().orElse(9090))
                        .connectionOptions(options -> options.tcpNoDelay(true))
                        .update(listener -> identity.tls().ifPresent(tls -> listener.tls(serverTls(tls))))
                        .addRouting(grpc))
                .build()
                .start();
    }

    /** The service's own mTLS on the gRPC socket: its certificate, and a client certificate of the same CA required. */
    private static Tls serverTls(LocalCa.Workload workload) {
        return Tls.builder()
                .privateKey(LocalCa.Pem.privateKey(workload.key()))
                .privateKeyCertChain(LocalCa.Pem.certificates(workload.certificate()))
                .trust(LocalCa.Pem.certificates(workload.ca()))
                .clientAuth(TlsClientAuth.REQUIRED)
                .build();
    }

    /** The proto file of a generated service, which reflection serves so that grpcurl can describe it. */
    private static Optional<Descriptors.FileDescriptor> fileOf(BindableService service) {
        return service.bindService().getServiceDescriptor().getSchemaDescriptor() instanceof ProtoFileDescriptorSupplier proto
                ? Optional.of(proto.getFileDescriptor())
                : Optional.empty();
    }

    private static HealthCheckResponse databaseHealth(DbClient db) {
        try {
            db.execute().query("SELECT 1").count();
            return HealthCheckResponse.builder().status(true).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.builder().status(false).detail("error", e.getClass().getSimpleName()).build();
        }
    }

    private static void exitWithParent() {
        Optional.ofNullable(System.getenv(PARENT_PID_VARIABLE))
                .map(Long::parseLong)
                .flatMap(ProcessHandle::of)
                .ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
    }
}
