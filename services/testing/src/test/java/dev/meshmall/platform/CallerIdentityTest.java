package dev.meshmall.platform;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.platform.identity.LocalCa;
import dev.meshmall.testing.TestDatabase;
import dev.meshmall.testing.TestKeys;
import dev.meshmall.testing.TestServices;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.isOneOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every gRPC call proves which workload makes it, and the table decides, failing closed: outside the mesh by the
 * service's own mTLS, under it by the principal the sidecar forwards, and only when configured for the mesh.
 * The probe's method admits end users (any verified peer with a token) and the probe service itself.
 */
class CallerIdentityTest {
    private static final TestKeys KEYS = new TestKeys();
    private static final Metadata.Key<String> XFCC = Metadata.Key.of("x-forwarded-client-cert", Metadata.ASCII_STRING_MARSHALLER);
    private static RunningService own;
    private static RunningService meshed;

    @BeforeAll
    static void start() {
        Map<String, String> db = TestDatabase.newDatabase();
        own = TestServices.start(new ProbeApp(KEYS), db, Optional.empty(), ProbeApp.ACCESS);
        Map<String, String> mesh = new HashMap<>(db);
        mesh.put("identity.mesh", "true");
        meshed = TestServices.start(new ProbeApp(KEYS), mesh, Optional.empty(), ProbeApp.ACCESS);
    }

    @AfterAll
    static void stop() {
        own.close();
        meshed.close();
    }

    @Test
    void theRightServiceIsAdmittedWithoutAUser() {
        assertThat(whoami(TestServices.grpcAs(own, "probe"), null, null), is("service:probe -"));
    }

    @Test
    void anotherServiceNeedsAUsersTokenWhereUsersMayCall() {
        assertThat(refusal(TestServices.grpcAs(own, "checkout"), null, null), is(Status.Code.UNAUTHENTICATED));
        assertThat(refusal(TestServices.grpc(own), null, null), is(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void anyVerifiedPeerMayActForAnEndUserWhereTheTableSaysSo() {
        assertThat(whoami(TestServices.grpc(own), KEYS.token("user-7", List.of("customer")), null), is("user-7 -"));
    }

    @Test
    void aMalformedOrForgedAuthorizationIsUnauthenticatedNeverSystem() {
        ManagedChannel asProbe = TestServices.grpcAs(own, "probe");
        assertThat(refusal(asProbe, "not-a-jwt", null), is(Status.Code.UNAUTHENTICATED));
        assertThat(refusal(asProbe, new TestKeys().token("user-7", List.of("customer")), null), is(Status.Code.UNAUTHENTICATED));
        Metadata basic = new Metadata();
        basic.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Basic YWRtaW46YWRtaW4=");
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> ClientCalls.blockingUnaryCall(
                ClientInterceptors.intercept(asProbe, MetadataUtils.newAttachHeadersInterceptor(basic)),
                ProbeApp.WHOAMI, CallOptions.DEFAULT, "hi"));
        assertThat(e.getStatus().getCode(), is(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void refusedCallsLeaveTheConnectionServing() {
        ManagedChannel asTester = TestServices.grpc(own);
        for (int i = 0; i < 3; i++) {
            assertThat(refusal(asTester, null, null), is(Status.Code.UNAUTHENTICATED));
            assertThat(refusal(asTester, "not-a-jwt", null), is(Status.Code.UNAUTHENTICATED));
        }
        assertThat(whoami(asTester, KEYS.token("user-8", List.of("customer")), null), is("user-8 -"));
    }

    @Test
    void aPlaintextClientOrACertificateOfAnotherCaGetsNothing() throws Exception {
        // the TLS handshake never happens: the client sees a broken connection, not an answer of the service
        assertThat(refusal(TestServices.grpcPlaintext(own), KEYS.token("user-7", List.of("customer")), null),
                isOneOf(Status.Code.UNAVAILABLE, Status.Code.INTERNAL));

        LocalCa stranger = LocalCa.openOrCreate(Files.createTempDirectory("stranger-ca"));
        LocalCa.Workload impostor = stranger.issue("probe");
        // the impostor's own certificate and key, trusting the shop's CA so that only the server's check can refuse
        LocalCa.Workload trustingOurs = new LocalCa.Workload("probe", impostor.certificate(), impostor.key(),
                TestServices.workload("probe").ca());
        ManagedChannel foreign = Grpc.newChannelBuilder("127.0.0.1:" + own.grpcPort(), GrpcClients.mutualTls(trustingOurs))
                .build();
        assertThat(refusal(foreign, null, null), isOneOf(Status.Code.UNAVAILABLE, Status.Code.INTERNAL));
    }

    @Test
    void underTheMeshTheSidecarsPrincipalIsTheCaller() {
        ManagedChannel plain = TestServices.grpcPlaintext(meshed);
        assertThat(whoami(plain, null, "By=spiffe://cluster.local/ns/meshmall/sa/probe;Hash=ab12;"
                + "URI=spiffe://cluster.local/ns/meshmall/sa/probe"), is("service:probe -"));
        assertThat(refusal(plain, null, "URI=spiffe://cluster.local/ns/meshmall/sa/checkout"), is(Status.Code.UNAUTHENTICATED));
        assertThat(refusal(plain, null, null), is(Status.Code.UNAUTHENTICATED));
        assertThat(refusal(plain, null, "URI=spiffe://evil.example/ns/meshmall/sa/probe"), is(Status.Code.UNAUTHENTICATED));
    }

    @Test
    void outsideTheMeshAForwardedPrincipalIsNotTrusted() {
        ManagedChannel asChecker = TestServices.grpcAs(own, "checkout");
        assertThat(refusal(asChecker, null, "URI=spiffe://meshmall.local/ns/meshmall/sa/probe"), is(Status.Code.UNAUTHENTICATED));
    }

    private static String whoami(Channel channel, String token, String forwardedClientCert) {
        return ClientCalls.blockingUnaryCall(withHeaders(channel, token, forwardedClientCert), ProbeApp.WHOAMI,
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), "hi");
    }

    private static Status.Code refusal(Channel channel, String token, String forwardedClientCert) {
        return assertThrows(StatusRuntimeException.class, () -> whoami(channel, token, forwardedClientCert))
                .getStatus().getCode();
    }

    private static Channel withHeaders(Channel channel, String token, String forwardedClientCert) {
        Metadata headers = new Metadata();
        if (token != null) {
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        }
        if (forwardedClientCert != null) {
            headers.put(XFCC, forwardedClientCert);
        }
        return ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers));
    }
}
