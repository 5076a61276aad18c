package dev.meshmall.platform;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.testing.TestDatabase;
import dev.meshmall.testing.TestKeys;
import dev.meshmall.testing.TestServices;

import com.google.protobuf.StringValue;
import com.google.rpc.ErrorInfo;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The four behaviours that once made the shop leave Helidon's gRPC server, pinned over a real grpc-java client
 * against the platform's server: the {@code authorization} value reaches the edge's interceptor, error codes keep
 * their {@code google.rpc.Status} details, custom trailers arrive on errors and on success, and a client's
 * deadline ends its call. Plus the server's own fault: a handler that throws still answers at once.
 */
class GrpcServerTest {
    private static final TestKeys KEYS = new TestKeys();
    private static RunningService probe;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() {
        probe = TestServices.start(new ProbeApp(KEYS), TestDatabase.newDatabase(), Optional.empty(), ProbeApp.ACCESS);
        channel = TestServices.grpcAs(probe, "probe");
    }

    @AfterAll
    static void stop() {
        channel.shutdownNow();
        probe.close();
    }

    @Test
    void theInterceptorSeesTheAuthorizationValue() {
        assertThat(call("hi", KEYS.token("user-7", List.of("customer")), CallOptions.DEFAULT), is("user-7 -"));
        StatusRuntimeException malformed = assertThrows(StatusRuntimeException.class,
                () -> call("hi", "not-a-jwt", CallOptions.DEFAULT));
        assertThat(malformed.getStatus().getCode(), is(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void anErrorKeepsItsCodeAndItsStatusDetails() throws Exception {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> call("detailed", null, CallOptions.DEFAULT));

        assertThat(e.getStatus().getCode(), is(Status.Code.FAILED_PRECONDITION));
        assertThat(e.getStatus().getDescription(), is("not enough stock"));
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        assertThat(status.getDetailsCount(), is(1));
        ErrorInfo info = status.getDetails(0).unpack(ErrorInfo.class);
        assertThat(info.getReason(), is("OUT_OF_STOCK"));
        assertThat(info.getMetadataMap().get("product_id"), is("p-1"));
    }

    @Test
    void aDomainErrorCrossesTheHopWholeInOneStatus() {
        StatusRuntimeException invalid = assertThrows(StatusRuntimeException.class, () -> call("invalid", null, CallOptions.DEFAULT));

        assertThat(invalid.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        DomainError decoded = assertThrows(DomainError.class, () -> GrpcClients.call(() -> call("invalid", null, CallOptions.DEFAULT)));
        assertThat(decoded.kind(), is(ErrorKind.INVALID));
        assertThat(decoded.code(), is("invalid_field"));
        assertThat(decoded.detail(), is("not an address"));
        assertThat(decoded.fields(), is(Map.of("field", "email")));
        assertThat(GrpcErrors.detail(invalid, StringValue.class).map(StringValue::getValue), is(Optional.of("a typed detail")));
        assertThat(GrpcErrors.detail(invalid, ErrorInfo.class).map(ErrorInfo::getDomain), is(Optional.of("meshmall.dev")));
    }

    @Test
    void customTrailersArriveOnErrorsAndOnSuccess() {
        StatusRuntimeException notFound = assertThrows(StatusRuntimeException.class, () -> call("fail", null, CallOptions.DEFAULT));
        assertThat(notFound.getStatus().getCode(), is(Status.Code.NOT_FOUND));
        assertThat(GrpcErrors.code(notFound), is("not_found"));
        assertThat(GrpcErrors.toDomain(notFound).kind(), is(ErrorKind.NOT_FOUND));

        AtomicReference<Metadata> headers = new AtomicReference<>();
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        String answer = ClientCalls.blockingUnaryCall(
                ClientInterceptors.intercept(channel, MetadataUtils.newCaptureMetadataInterceptor(headers, trailers)),
                ProbeApp.WHOAMI, CallOptions.DEFAULT, "hi");
        assertThat(answer, is("service:probe -"));
        assertThat(trailers.get().get(ProbeApp.SERVED_BY), is("probe"));
    }

    @Test
    void aClientDeadlineEndsTheCallAndTheChannelServesOn() {
        StatusRuntimeException late = assertThrows(StatusRuntimeException.class,
                () -> call("slow", null, CallOptions.DEFAULT.withDeadlineAfter(300, TimeUnit.MILLISECONDS)));

        assertThat(late.getStatus().getCode(), is(Status.Code.DEADLINE_EXCEEDED));
        assertThat(call("hi", null, CallOptions.DEFAULT), is("service:probe -"));
    }

    @Test
    void aHandlerThatThrowsAnswersInternalWithoutItsMessage() {
        StatusRuntimeException bug = assertThrows(StatusRuntimeException.class,
                () -> call("bug", null, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)));

        assertThat(bug.getStatus().getCode(), is(Status.Code.INTERNAL));
        assertThat(bug.getStatus().getDescription(), not(containsString("secret")));
    }

    private static String call(String request, String token, CallOptions options) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        return ClientCalls.blockingUnaryCall(
                ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                ProbeApp.WHOAMI, options, request);
    }
}
