package dev.meshmall.platform.grpc;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The peer's URI from {@code x-forwarded-client-cert} as Envoy writes it. */
class ForwardedClientCertTest {
    private static final String ORDER = "spiffe://cluster.local/ns/meshmall/sa/order";

    @Test
    void theUriOfTheOneElementIstioSets() {
        assertThat(GrpcEdge.forwardedUri("By=spiffe://cluster.local/ns/meshmall/sa/payment;Hash=9ba0c2;Subject=\"\";URI="
                + ORDER), is(Optional.of(ORDER)));
    }

    @Test
    void aQuotedSubjectMayHoldCommasAndSemicolons() {
        assertThat(GrpcEdge.forwardedUri("Hash=ab;Subject=\"CN=x, O=y;z\";URI=" + ORDER), is(Optional.of(ORDER)));
    }

    @Test
    void theLastElementIsTheImmediatePeer() {
        assertThat(GrpcEdge.forwardedUri("URI=spiffe://cluster.local/ns/meshmall/sa/checkout,URI=" + ORDER),
                is(Optional.of(ORDER)));
    }

    @Test
    void noUriNamesNobody() {
        assertThat(GrpcEdge.forwardedUri("By=spiffe://cluster.local/ns/meshmall/sa/payment;Hash=ab"), is(Optional.empty()));
        assertThat(GrpcEdge.forwardedUri(""), is(Optional.empty()));
    }
}
