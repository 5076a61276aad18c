package dev.meshmall.platform.identity;

import java.nio.file.Path;
import java.util.Optional;

import io.helidon.config.Config;

/**
 * How this service proves who it is to its peers and learns who calls it, from {@code identity.*}:
 * <ul>
 *     <li>under Istio ({@code identity.mesh: true}) the sidecar does mTLS: the service does no TLS and trusts the
 *     principal the sidecar forwards in {@code x-forwarded-client-cert}, in the mesh's trust domain
 *     ({@code cluster.local});</li>
 *     <li>outside it (the devstack, compose, the tests) the gRPC socket is the service's own mTLS with the
 *     certificate, key and CA of {@code identity.tls.*}, made by {@link LocalCa}.</li>
 * </ul>
 * Neither configured is a service that cannot start: a gRPC port nobody has to prove anything to is never the
 * default.
 */
public record WorkloadIdentity(boolean mesh, String trustDomain, String namespace, Optional<LocalCa.Workload> tls) {
    public static WorkloadIdentity from(Config config, String name) {
        boolean mesh = config.get("identity.mesh").asBoolean().orElse(false);
        String trustDomain = config.get("identity.trust-domain").asString()
                .orElse(mesh ? "cluster.local" : ServiceIdentity.LOCAL_TRUST_DOMAIN);
        String namespace = config.get("identity.namespace").asString().orElse(ServiceIdentity.NAMESPACE);
        Optional<LocalCa.Workload> tls = config.get("identity.tls.certificate").asString()
                .map(certificate -> new LocalCa.Workload(name, Path.of(certificate),
                        Path.of(config.get("identity.tls.key").asString().orElseThrow(() -> missing("identity.tls.key"))),
                        Path.of(config.get("identity.tls.ca").asString().orElseThrow(() -> missing("identity.tls.ca")))));
        if (!mesh && tls.isEmpty()) {
            throw new IllegalStateException("the grpc port needs this service's certificate (identity.tls.certificate,"
                    + " .key and .ca, as the devstack and compose give it) or identity.mesh=true under Istio");
        }
        return new WorkloadIdentity(mesh, trustDomain, namespace, tls);
    }

    /** Whether {@code peer} is a workload of this shop's trust domain and namespace. */
    public boolean ours(ServiceIdentity peer) {
        return peer.trustDomain().equals(trustDomain) && peer.namespace().equals(namespace);
    }

    private static IllegalStateException missing(String key) {
        return new IllegalStateException(key + " is not configured");
    }
}
