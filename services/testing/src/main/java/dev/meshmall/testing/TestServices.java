package dev.meshmall.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.meshmall.platform.RunningService;
import dev.meshmall.platform.ServiceApp;
import dev.meshmall.platform.ServiceLauncher;
import dev.meshmall.platform.config.ServiceConfig;
import dev.meshmall.platform.grpc.GoAwayRetry;
import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.platform.identity.GrpcAccess;
import dev.meshmall.platform.identity.LocalCa;
import dev.meshmall.platform.log.Logs;

import com.google.protobuf.DescriptorProtos;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.reflection.v1alpha.ServerReflectionGrpc;
import io.grpc.reflection.v1alpha.ServerReflectionRequest;
import io.grpc.reflection.v1alpha.ServerReflectionResponse;
import io.grpc.reflection.v1alpha.ServiceResponse;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.helidon.config.Config;
import io.helidon.webclient.http1.Http1Client;

/**
 * Starts services in the test JVM exactly as production does ({@link ServiceLauncher#start}), on free ports,
 * with the given settings above the service's {@code application.yaml}, each with its own workload certificate
 * from one local CA per test JVM (as the devstack makes them), and reflection on. Given the superuser's settings
 * of {@link TestDatabase#newDatabase()}, a service connects as its own database role, named after it.
 */
public final class TestServices {
    /** The workload identity of a test's own gRPC client: a person with a certificate, as the devstack's developer. */
    public static final String TESTER = "tester";
    private static final Map<String, LocalCa.Workload> WORKLOADS = new ConcurrentHashMap<>();
    private static LocalCa ca;

    private TestServices() {
    }

    public static RunningService start(ServiceApp app, Map<String, String> settings) {
        return start(app, settings, Optional.empty());
    }

    /** As {@link #start(ServiceApp, Map)}, with {@code file} as the watched mounted configuration file. */
    public static RunningService start(ServiceApp app, Map<String, String> settings, Optional<Path> file) {
        return start(app, settings, file, GrpcAccess.shop());
    }

    /** As {@link #start(ServiceApp, Map, Optional)}, enforcing {@code access} on the gRPC socket. */
    public static RunningService start(ServiceApp app, Map<String, String> settings, Optional<Path> file,
                                       GrpcAccess access) {
        Map<String, String> all = new HashMap<>();
        all.put("server.port", "0");
        all.put("server.host", "127.0.0.1");
        all.put("grpc.port", "0");
        all.put("grpc.reflection", "true");
        if (!settings.containsKey("identity.mesh")) {
            all.putAll(identitySettings(app.name()));
        }
        all.putAll(settings);
        Map<String, String> ownRole = app.schema()
                .map(schema -> TestDatabase.asServiceRole(all, app.name(), schema))
                .orElse(all);
        Config config = ServiceConfig.load(app.getClass(), ownRole, file);
        Logs.setUp(app.name(), config);
        return ServiceLauncher.start(app, config, access);
    }

    /**
     * A port free right now, for services that must know each other's address before either starts (user and
     * auth call each other). It lies below the kernel's ephemeral range, so that no outgoing connection of the
     * services starting meanwhile can take it before its owner binds it.
     */
    public static int freePort() {
        int ephemeralStart = Ports.ephemeralRangeStart();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(10_000, ephemeralStart);
            try (ServerSocket socket = new ServerSocket(port)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port below " + ephemeralStart);
    }

    /** Where the services of a test stack fetch the auth service's signing keys. */
    public static String jwks(RunningService auth) {
        return "http://127.0.0.1:" + auth.httpPort() + "/.well-known/jwks.json";
    }

    /** The stub calling with an end user's access token, as a service forwards the token it was called with. */
    public static <S extends AbstractStub<S>> S withToken(S stub, String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /**
     * Calls the unary method {@code fullMethodName} ({@code package.Service/Method}) with {@code request}, whether
     * or not the contracts still declare it: how a test shows that a removed method is gone for good.
     */
    public static <R extends Message> R callByName(Channel channel, String fullMethodName, Message request,
                                                   R responsePrototype) {
        MethodDescriptor<Message, R> method = MethodDescriptor.<Message, R>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(fullMethodName)
                .setRequestMarshaller(ProtoUtils.marshaller(request.getDefaultInstanceForType()))
                .setResponseMarshaller(ProtoUtils.marshaller(responsePrototype))
                .build();
        return ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                request);
    }

    /** A plain HTTP/1.1 client of the service's REST socket that never throws on an error status. */
    public static Http1Client http(RunningService service) {
        return http(service.httpPort());
    }

    /**
     * A plain HTTP/1.1 client of a REST port on this machine. A connection per request: Helidon's client can hand
     * out a cached connection its idle monitor is still reading (helidon#10861), which fails a request now and
     * then on a loaded machine.
     */
    public static Http1Client http(int port) {
        return Http1Client.builder()
                .baseUri("http://127.0.0.1:" + port)
                .protocolConfig(protocol -> protocol.defaultKeepAlive(false))
                .build();
    }

    /** The services a gRPC server lists through server reflection, as {@code grpcurl list} shows them. */
    public static List<String> reflectedServices(Channel channel) {
        return reflect(channel, ServerReflectionRequest.newBuilder().setListServices("*").build())
                .getListServicesResponse().getServiceList().stream().map(ServiceResponse::getName).toList();
    }

    /**
     * The proto files a gRPC server answers for {@code symbol} through server reflection, as {@code grpcurl describe}
     * asks: the file that declares it and the files that file imports. Empty when the server does not know it.
     */
    public static List<String> reflectedFiles(Channel channel, String symbol) {
        return reflect(channel, ServerReflectionRequest.newBuilder().setFileContainingSymbol(symbol).build())
                .getFileDescriptorResponse().getFileDescriptorProtoList().stream()
                .map(bytes -> {
                    try {
                        return DescriptorProtos.FileDescriptorProto.parseFrom(bytes).getName();
                    } catch (InvalidProtocolBufferException e) {
                        throw new IllegalStateException("reflection answered a file that does not parse", e);
                    }
                })
                .toList();
    }

    private static ServerReflectionResponse reflect(Channel channel, ServerReflectionRequest request) {
        BlockingQueue<ServerReflectionResponse> responses = new LinkedBlockingQueue<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        responses.add(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        responses.add(ServerReflectionResponse.getDefaultInstance());
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        requests.onNext(request);
        requests.onCompleted();
        try {
            ServerReflectionResponse response = responses.poll(10, TimeUnit.SECONDS);
            if (response == null) {
                throw new IllegalStateException("no reflection answer within 10 s");
            }
            return response;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A plaintext channel to the service's gRPC socket; close it after the test. */
    public static ManagedChannel grpc(RunningService service) {
        return grpcAs(service, TESTER);
    }

    /** A channel to the service's gRPC socket proving the identity of {@code workload} ({@code checkout}). */
    public static ManagedChannel grpcAs(RunningService service, String workload) {
        return grpcAs(service.grpcPort(), workload);
    }

    /** A channel to the gRPC port {@code port} on loopback (a service in a JVM of its own), as {@code workload}. */
    public static ManagedChannel grpcAs(int port, String workload) {
        return Grpc.newChannelBuilder("127.0.0.1:" + port, GrpcClients.mutualTls(workload(workload)))
                .intercept(new GoAwayRetry())
                .build();
    }

    /**
     * TLS as {@code workload} speaks it on the shop's gRPC ports: its certificate and key, the test CA trusted,
     * HTTP/2 agreed by ALPN. For a test's own TLS endpoints (a relay between two services).
     */
    public static SSLContext sslContext(String workload) {
        LocalCa.Workload identity = workload(workload);
        try {
            char[] password = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry(workload, LocalCa.Pem.privateKey(identity.key()), password,
                    LocalCa.Pem.certificates(identity.certificate()).toArray(new java.security.cert.Certificate[0]));
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", LocalCa.Pem.certificates(identity.ca()).getFirst());
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plaintext channel, proving no identity at all. */
    public static ManagedChannel grpcPlaintext(RunningService service) {
        return Grpc.newChannelBuilder("127.0.0.1:" + service.grpcPort(), InsecureChannelCredentials.create())
                .intercept(new GoAwayRetry())
                .build();
    }

    /** The {@code identity.tls.*} settings of {@code workload}'s certificate, issued on first use. */
    public static Map<String, String> identitySettings(String workload) {
        LocalCa.Workload identity = workload(workload);
        return Map.of("identity.tls.certificate", identity.certificate().toString(),
                "identity.tls.key", identity.key().toString(),
                "identity.tls.ca", identity.ca().toString());
    }

    /** The certificate of {@code workload} from the test JVM's own CA; the same files on every call. */
    public static synchronized LocalCa.Workload workload(String workload) {
        if (ca == null) {
            try {
                Path folder = Files.createTempDirectory("meshmall-test-ca");
                folder.toFile().deleteOnExit();
                ca = LocalCa.openOrCreate(folder);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return WORKLOADS.computeIfAbsent(workload, ca::issue);
    }
}
