package dev.meshmall.auth.api;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

import io.helidon.common.socket.PeerInfo;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.grpc.GrpcConnectionContext;
import io.helidon.webserver.grpc.ServerContextKeys;
import io.helidon.webserver.http.ServerRequest;

/**
 * Where a login comes from, as the edge saw it: user counts failed passwords per account and this address. Over
 * REST through the mesh ingress (or the devstack's entry port) it is the hop the ingress appended to
 * {@code x-forwarded-for}, the last one, since the entries before it are whatever the client sent; auth's REST
 * port is reachable from the ingress only, and the sidecar appends nothing. Without the header, and over gRPC,
 * it is the peer of the connection.
 */
final class ClientAddress {
    static final String UNKNOWN = "unknown";

    private ClientAddress() {
    }

    static String of(ServerRequest req) {
        if (req.headers().contains(HeaderNames.X_FORWARDED_FOR)) {
            Optional<String> appended = lastHop(req.headers().get(HeaderNames.X_FORWARDED_FOR).allValues());
            if (appended.isPresent()) {
                return appended.get();
            }
        }
        return address(req.remotePeer());
    }

    /** The peer of the gRPC call being served. */
    static String ofGrpcCall() {
        GrpcConnectionContext connection = ServerContextKeys.CONNECTION_CONTEXT.get();
        return connection == null ? UNKNOWN : address(connection.remotePeer());
    }

    /** The peer's IP address as text, never a name its address was resolved to (a TLS peer's host may be one). */
    private static String address(PeerInfo peer) {
        return peer.address() instanceof InetSocketAddress socket && socket.getAddress() != null
                ? socket.getAddress().getHostAddress()
                : peer.host();
    }

    static Optional<String> lastHop(List<String> headerValues) {
        for (int i = headerValues.size() - 1; i >= 0; i--) {
            String[] hops = headerValues.get(i).split(",");
            for (int j = hops.length - 1; j >= 0; j--) {
                String hop = hops[j].strip();
                if (!hop.isEmpty()) {
                    return Optional.of(hop);
                }
            }
        }
        return Optional.empty();
    }
}
