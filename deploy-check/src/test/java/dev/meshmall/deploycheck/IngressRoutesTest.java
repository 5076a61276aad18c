package dev.meshmall.deploycheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static dev.meshmall.deploycheck.Repo.at;
import static dev.meshmall.deploycheck.Repo.list;
import static dev.meshmall.deploycheck.Repo.map;
import static dev.meshmall.deploycheck.Repo.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ingress VirtualService routes exactly as the devstack's entry port does (devstack.yaml). */
class IngressRoutesTest {
    private static final String ANY_SEGMENT = "[^/]+";
    private static final String SAMPLE_ID = "3f1c9a52-0000-4000-8000-000000000001";

    /** One http route of the ingress: what it matches and the service it sends to. */
    record IngressRoute(String name, String prefix, String regex, String exact, String method, String service) {
        boolean matches(String methodName, String path) {
            if (method != null && !method.equals(methodName)) {
                return false;
            }
            if (exact != null) {
                return exact.equals(path);
            }
            if (prefix != null) {
                return path.startsWith(prefix);
            }
            return Pattern.compile(regex).matcher(path).matches();
        }

        /** The route in the devstack's notation ("/api/v1/orders/*\/pay"), for prefix and segment-regex routes. */
        Optional<String> devstackPrefix() {
            if (prefix != null) {
                return Optional.of(prefix);
            }
            if (regex != null) {
                String body = regex.endsWith(".*") ? regex.substring(0, regex.length() - 2) : regex;
                body = body.replace(ANY_SEGMENT, "*").replace("\\.", ".");
                return Optional.of(body);
            }
            return Optional.empty();
        }
    }

    static List<IngressRoute> ingressRoutes() {
        Map<String, Object> vs = named(Repo.meshDocuments(), "VirtualService", "meshmall-ingress");
        List<IngressRoute> routes = new ArrayList<>();
        for (Object r : list(at(vs, "spec", "http"))) {
            List<Object> matches = list(map(r).get("match"));
            assertEquals(1, matches.size(), "one match per ingress route: " + r);
            Object match = matches.getFirst();
            List<Object> destinations = list(map(r).get("route"));
            assertEquals(1, destinations.size(), "one destination per ingress route: " + r);
            String host = (String) at(destinations.getFirst(), "destination", "host");
            assertEquals(8080, at(destinations.getFirst(), "destination", "port", "number"), host);
            String suffix = "." + Repo.NAMESPACE + ".svc.cluster.local";
            assertTrue(host.endsWith(suffix), host);
            routes.add(new IngressRoute((String) map(r).get("name"),
                    (String) at(match, "uri", "prefix"), (String) at(match, "uri", "regex"),
                    (String) at(match, "uri", "exact"), (String) at(match, "method", "exact"),
                    host.substring(0, host.length() - suffix.length())));
        }
        return routes;
    }

    /** The devstack's choice: the longest prefix the path starts with, a "*" standing for one segment. */
    static Optional<String> devstackService(String path) {
        String best = null;
        for (String prefix : Repo.devstackRoutes().keySet()) {
            if (startsWith(path, prefix) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        return Optional.ofNullable(best).map(Repo.devstackRoutes()::get);
    }

    private static boolean startsWith(String path, String prefix) {
        String regex = Pattern.quote(prefix).replace("*", "\\E" + ANY_SEGMENT + "\\Q");
        return Pattern.compile(regex).matcher(path).lookingAt();
    }

    static Optional<String> ingressService(List<IngressRoute> routes, String method, String path) {
        return routes.stream().filter(r -> r.matches(method, path)).findFirst().map(IngressRoute::service);
    }

    @Test
    void theIngressHasTheDevstackRouteTableExactly() {
        Map<String, String> ingress = new LinkedHashMap<>();
        for (IngressRoute route : ingressRoutes()) {
            route.devstackPrefix().ifPresent(prefix -> ingress.put(prefix, route.service()));
        }
        assertEquals(Repo.devstackRoutes(), ingress);
    }

    @Test
    void everyPathReachesTheServiceTheDevstackChooses() {
        List<IngressRoute> routes = ingressRoutes();
        Set<String> paths = new LinkedHashSet<>();
        for (String prefix : Repo.devstackRoutes().keySet()) {
            String path = prefix.replace("*", SAMPLE_ID);
            String bare = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
            paths.addAll(List.of(path, bare + "/" + SAMPLE_ID, bare + "/" + SAMPLE_ID + "/pay",
                    bare + "/" + SAMPLE_ID + "/cancel", bare + "/items/" + SAMPLE_ID));
        }
        paths.addAll(List.of("/", "/api/v1", "/api/v1/unknown", "/observe/health", "/observe/metrics"));
        for (String method : List.of("GET", "POST", "PUT", "PATCH", "DELETE")) {
            for (String path : paths) {
                assertEquals(devstackService(path), ingressService(routes, method, path), method + " " + path);
            }
        }
    }

    @Test
    void theRouteMatchingIsNotVacuous() {
        List<IngressRoute> routes = ingressRoutes();
        assertEquals(Optional.of("checkout"), ingressService(routes, "POST", "/api/v1/orders/" + SAMPLE_ID + "/pay"));
        assertEquals(Optional.of("order"), ingressService(routes, "POST", "/api/v1/orders/" + SAMPLE_ID + "/cancel"));
        assertEquals(Optional.of("auth"), ingressService(routes, "POST", "/api/v1/auth/login"));
        assertEquals(Optional.of("auth"), ingressService(routes, "POST", "/api/v1/auth/refresh"));
        assertEquals(Optional.empty(), ingressService(routes, "GET", "/observe/metrics"));
    }

    @Test
    void everyRouteHasCorsAndGoesToADefinedServiceAndSubset() {
        List<Map<String, Object>> k8s = KustomizeTest.build("dev");
        List<Map<String, Object>> mesh = Repo.meshDocuments();
        Map<String, Object> vs = named(mesh, "VirtualService", "meshmall-ingress");
        for (Object gateway : list(at(vs, "spec", "gateways"))) {
            named(mesh, "Gateway", (String) gateway);
        }
        for (Object r : list(at(vs, "spec", "http"))) {
            assertNotNull(at(r, "corsPolicy", "allowOrigins"), "CORS on " + map(r).get("name"));
            Object destination = at(list(map(r).get("route")).getFirst(), "destination");
            String service = ((String) at(destination, "host")).split("\\.")[0];
            Map<String, Object> kubeService = named(k8s, "Service", service);
            assertTrue(list(at(kubeService, "spec", "ports")).stream()
                    .anyMatch(p -> "http".equals(at(p, "name")) && Integer.valueOf(8080).equals(at(p, "port"))));
            String subset = (String) at(destination, "subset");
            Map<String, Object> rule = named(mesh, "DestinationRule", service);
            assertTrue(list(at(rule, "spec", "subsets")).stream().anyMatch(s -> subset.equals(at(s, "name"))),
                    service + " has subset " + subset);
        }
    }

    @Test
    void withoutATokenTheIngressLetsThroughExactlyThePublicRoutesOfTheServices() {
        // the platform serves the OpenAPI document without a token in every service
        Set<String> servicesPublic = new LinkedHashSet<>(List.of("GET /openapi"));
        for (String service : Repo.services()) {
            for (Object route : list(at(Repo.applicationYaml(service), "security", "public-routes"))) {
                servicesPublic.add((String) route);
            }
        }
        Map<String, Object> policy = named(Repo.meshDocuments(), "AuthorizationPolicy", "ingress-require-jwt");
        assertEquals("ALLOW", at(policy, "spec", "action"));
        Set<String> withoutToken = new LinkedHashSet<>();
        boolean anyTokenRule = false;
        for (Object rule : list(at(policy, "spec", "rules"))) {
            if (map(rule).containsKey("from")) {
                assertEquals(List.of("*"), at(list(map(rule).get("from")).getFirst(), "source", "requestPrincipals"));
                assertFalse(map(rule).containsKey("to"), "a valid token opens every route");
                anyTokenRule = true;
                continue;
            }
            for (Object to : list(map(rule).get("to"))) {
                List<Object> methods = list(at(to, "operation", "methods"));
                List<Object> paths = list(at(to, "operation", "paths"));
                if (methods.equals(List.of("OPTIONS")) && paths.isEmpty()) {
                    continue;
                }
                for (Object method : methods) {
                    for (Object path : paths) {
                        withoutToken.add(method + " " + path);
                    }
                }
            }
        }
        assertTrue(anyTokenRule);
        assertEquals(servicesPublic, withoutToken);
    }
}
