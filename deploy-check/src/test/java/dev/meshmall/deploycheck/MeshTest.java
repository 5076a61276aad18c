package dev.meshmall.deploycheck;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static dev.meshmall.deploycheck.Repo.at;
import static dev.meshmall.deploycheck.Repo.list;
import static dev.meshmall.deploycheck.Repo.map;
import static dev.meshmall.deploycheck.Repo.named;
import static dev.meshmall.deploycheck.Repo.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mesh does what the architecture's "Mesh delegation" table gives it, for every service. */
class MeshTest {
    private static final List<Map<String, Object>> MESH = Repo.meshDocuments();

    private static String host(String service) {
        return service + "." + Repo.NAMESPACE + ".svc.cluster.local";
    }

    @Test
    void everyServiceHasTimeoutsAndSafeRetriesOnItsGrpcPort() {
        for (String service : Repo.services()) {
            Map<String, Object> vs = named(MESH, "VirtualService", service);
            assertEquals(List.of(host(service)), at(vs, "spec", "hosts"));
            Map<String, Object> grpc = list(at(vs, "spec", "http")).stream().map(Repo::map)
                    .filter(r -> list(r.get("match")).stream().anyMatch(m -> Integer.valueOf(9090).equals(at(m, "port"))))
                    .findFirst().orElseThrow(() -> new AssertionError(service + " has no route for 9090"));
            assertNotNull(grpc.get("timeout"), service);
            Set<String> retryOn = Set.of(((String) at(grpc, "retries", "retryOn")).split(","));
            assertEquals(Set.of("unavailable", "reset", "connect-failure"), retryOn, service);
            assertNotNull(at(grpc, "retries", "perTryTimeout"), service);
            assertEquals(host(service), at(list(grpc.get("route")).getFirst(), "destination", "host"));
        }
    }

    @Test
    void everyServiceHasCircuitBreakingAndAV1Subset() {
        for (String service : Repo.services()) {
            Map<String, Object> rule = named(MESH, "DestinationRule", service);
            assertEquals(host(service), at(rule, "spec", "host"));
            assertNotNull(at(rule, "spec", "trafficPolicy", "connectionPool", "tcp", "maxConnections"), service);
            assertNotNull(at(rule, "spec", "trafficPolicy", "connectionPool", "http", "http2MaxRequests"), service);
            assertNotNull(at(rule, "spec", "trafficPolicy", "outlierDetection", "consecutive5xxErrors"), service);
            Map<String, Object> v1 = list(at(rule, "spec", "subsets")).stream().map(Repo::map)
                    .filter(s -> "v1".equals(s.get("name"))).findFirst().orElseThrow();
            assertEquals(Map.of("version", "v1"), v1.get("labels"), "the Deployments' version label");
        }
    }

    @Test
    void mutualTlsIsStrictAndTheEdgeChecksTokensAgainstAuthsJwks() {
        Map<String, Object> peer = named(MESH, "PeerAuthentication", "default");
        assertEquals(Repo.NAMESPACE, at(peer, "metadata", "namespace"));
        assertEquals("STRICT", at(peer, "spec", "mtls", "mode"));
        for (Map<String, Object> other : ofKind(MESH, "PeerAuthentication")) {
            assertEquals("STRICT", at(other, "spec", "mtls", "mode"), "every workload's default");
        }

        Map<String, Object> jwt = named(MESH, "RequestAuthentication", "ingress-jwt");
        assertEquals("ingressgateway", at(jwt, "spec", "selector", "matchLabels", "istio"));
        Map<String, Object> rule = map(list(at(jwt, "spec", "jwtRules")).getFirst());
        Map<String, Object> auth = Repo.applicationYaml("auth");
        assertEquals(at(auth, "jwt", "issuer"), rule.get("issuer"));
        assertEquals(List.of(at(auth, "jwt", "audience")), rule.get("audiences"));
        assertEquals("http://" + host("auth") + ":8080/.well-known/jwks.json", rule.get("jwksUri"));
        assertEquals(true, rule.get("forwardOriginalToken"), "the services verify the token again");
        assertEquals(Set.of("auth"), IngressRoutesTest.devstackService("/.well-known/jwks.json").stream()
                .collect(Collectors.toSet()));
    }

    @Test
    void theRateLimitAppliesToTheLoginAndRegistrationRoutesOfTheIngress() {
        Map<String, Object> filter = named(MESH, "EnvoyFilter", "ingress-login-rate-limit");
        assertEquals("ingressgateway", at(filter, "spec", "workloadSelector", "labels", "istio"));
        Set<String> limited = list(at(filter, "spec", "configPatches")).stream()
                .map(p -> (String) at(p, "match", "routeConfiguration", "vhost", "route", "name"))
                .filter(n -> n != null).collect(Collectors.toSet());
        assertEquals(Set.of("login", "register"), limited);
        Map<String, IngressRoutesTest.IngressRoute> routes = IngressRoutesTest.ingressRoutes().stream()
                .collect(Collectors.toMap(IngressRoutesTest.IngressRoute::name, r -> r));
        assertTrue(routes.get("login").matches("POST", "/api/v1/auth/login"));
        assertTrue(routes.get("register").matches("POST", "/api/v1/users"));
        assertEquals("user", routes.get("register").service());
    }

    @Test
    void tracingIsSampledAndAccessIsLogged() {
        Map<String, Object> telemetry = ofKind(MESH, "Telemetry").getFirst();
        double sampling = ((Number) at(list(at(telemetry, "spec", "tracing")).getFirst(), "randomSamplingPercentage"))
                .doubleValue();
        assertTrue(sampling > 0 && sampling <= 100, "sampling " + sampling);
        assertTrue(!list(at(telemetry, "spec", "accessLogging")).isEmpty());
    }
}
