package dev.meshmall.deploycheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.meshmall.deploycheck.Repo.at;
import static dev.meshmall.deploycheck.Repo.list;
import static dev.meshmall.deploycheck.Repo.map;
import static dev.meshmall.deploycheck.Repo.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The configuration the containers get (compose and Kubernetes) against what the services read: every variable
 * and every key of a mounted file is one of the service's keys, and every peer address points at a Service name
 * and gRPC port the manifests define.
 */
class ConfigurationTest {
    /** Read by the JVM or the platform's launcher, not configuration keys. */
    private static final Set<String> NOT_CONFIG = Set.of("MESHMALL_CONFIG_FILE", "JAVA_TOOL_OPTIONS");

    static Map<String, Object> compose() {
        return Repo.documents(Repo.ROOT.resolve("compose/compose.yaml")).getFirst();
    }

    static Map<String, String> composeEnvironment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        map(at(compose(), "services", service, "environment")).forEach((k, v) -> env.put(k, String.valueOf(v)));
        return env;
    }

    /** Every variable a service's containers get in an overlay: literal, from its -env ConfigMap, from Secrets. */
    static Map<String, String> kubernetesEnvironment(List<Map<String, Object>> docs, String service) {
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, Object> pod = map(at(named(docs, "Deployment", service), "spec", "template", "spec"));
        List<Object> containers = new ArrayList<>(list(pod.get("containers")));
        containers.addAll(list(pod.get("initContainers")));
        for (Object container : containers) {
            for (Object from : list(map(container).get("envFrom"))) {
                String name = (String) at(from, "configMapRef", "name");
                map(at(named(docs, "ConfigMap", name), "data")).forEach((k, v) -> env.put(k, String.valueOf(v)));
            }
            for (Object e : list(map(container).get("env"))) {
                env.put((String) at(e, "name"), (String) at(e, "value"));
            }
        }
        return env;
    }

    static void assertKeysOfService(String service, Iterable<String> variables, String where) {
        Set<String> known = Repo.keys(Repo.applicationYaml(service));
        Set<String> readInCode = Repo.keysReadInCode(service);
        for (String variable : variables) {
            if (NOT_CONFIG.contains(variable)) {
                continue;
            }
            String key = Repo.configKey(variable);
            assertTrue(known.contains(key) || readInCode.contains(key),
                    where + ": " + variable + " sets " + key + ", which " + service + " does not read");
        }
    }

    @Test
    void variablesMapToKeysAsHelidonReadsThem() {
        assertEquals("services.product.grpc", Repo.configKey("SERVICES_PRODUCT_GRPC"));
        assertEquals("payment.vault-key", Repo.configKey("PAYMENT_VAULT_dash_KEY"));
        assertEquals("auth.signing.key-secret", Repo.configKey("AUTH_SIGNING_KEY_dash_SECRET"));
        Set<String> paymentKeys = Repo.keys(Repo.applicationYaml("payment"));
        assertTrue(paymentKeys.contains(Repo.configKey("PAYMENT_VAULT_dash_KEY")));
        assertFalse(paymentKeys.contains(Repo.configKey("PAYMENT_VAULT_KEY")), "a forgotten _dash_ is caught");
        assertTrue(Repo.keysReadInCode("user").contains("meshmall.admin.email"));
    }

    @Test
    void everyComposeVariableIsAKeyOfItsService() {
        for (String service : Repo.services()) {
            assertKeysOfService(service, composeEnvironment(service).keySet(), "compose " + service);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyKubernetesVariableIsAKeyOfItsService(String overlay) {
        List<Map<String, Object>> docs = KustomizeTest.build(overlay);
        for (String service : Repo.services()) {
            assertKeysOfService(service, kubernetesEnvironment(docs, service).keySet(), overlay + " " + service);
        }
    }

    @Test
    void everyKeyOfAMountedConfigFileIsAKeyOfItsService() {
        List<Map<String, Object>> docs = KustomizeTest.build("dev");
        for (String service : Repo.services()) {
            Set<String> known = Repo.keys(Repo.applicationYaml(service));
            String k8sFile = (String) at(named(docs, "ConfigMap", service + "-config"), "data", "application.yaml");
            Path composeFile = Repo.ROOT.resolve("compose/config").resolve(service + ".yaml");
            assertEquals("/config/" + service + ".yaml", composeEnvironment(service).get("MESHMALL_CONFIG_FILE"));
            for (Map<String, Object> file : List.of(Repo.documents(k8sFile).getFirst(),
                    Repo.documents(composeFile).getFirst())) {
                for (String key : Repo.keys(file)) {
                    assertTrue(known.contains(key), service + "'s mounted file sets " + key + ", not a key of it");
                }
            }
        }
    }

    /** host:port of each services.*.grpc a service reads, by peer. */
    static Map<String, String> peers(String service) {
        Map<String, String> peers = new LinkedHashMap<>();
        Object services = Repo.applicationYaml(service).get("services");
        if (services != null) {
            map(services).forEach((peer, value) -> peers.put(peer, (String) map(value).get("grpc")));
        }
        return peers;
    }

    @Test
    void everyPeerAddressIsAServiceAndGrpcPortOfTheManifests() {
        List<Map<String, Object>> docs = KustomizeTest.build("prod");
        int checked = 0;
        for (String service : Repo.services()) {
            Map<String, String> env = kubernetesEnvironment(docs, service);
            Map<String, String> composeEnv = composeEnvironment(service);
            for (Map.Entry<String, String> peer : peers(service).entrySet()) {
                String variable = "SERVICES_" + peer.getKey().toUpperCase() + "_GRPC";
                for (String address : List.of(peer.getValue(), env.getOrDefault(variable, peer.getValue()))) {
                    assertKubernetesGrpcAddress(docs, address, service + " -> " + peer.getKey());
                }
                String composeAddress = composeEnv.getOrDefault(variable, peer.getValue());
                String host = composeAddress.split(":")[0];
                assertEquals(peer.getKey(), host, service + " reaches " + peer.getKey() + " in compose");
                assertEquals(composeEnvironment(host).get("GRPC_PORT"), composeAddress.split(":")[1],
                        "compose " + service + " -> " + composeAddress);
                checked++;
            }
            if (!service.equals("auth")) {
                String jwks = env.getOrDefault("JWT_JWKS", (String) at(Repo.applicationYaml(service), "jwt", "jwks"));
                assertEquals("http://auth:8080/.well-known/jwks.json", jwks, service);
            }
        }
        assertTrue(checked >= 10, "peers read: " + checked);
    }

    private static void assertKubernetesGrpcAddress(List<Map<String, Object>> docs, String address, String what) {
        String[] parts = address.split(":");
        assertEquals(2, parts.length, what + ": " + address);
        Map<String, Object> service = named(docs, "Service", parts[0]);
        assertTrue(list(at(service, "spec", "ports")).stream()
                        .anyMatch(p -> "grpc".equals(at(p, "name")) && parts[1].equals(String.valueOf(at(p, "port")))),
                what + ": " + address + " is not the grpc port of Service " + parts[0]);
    }

    @Test
    void composeRunsTheSevenServicesOnPostgresWithHealthChecksAndOnlyRestPortsPublished() {
        Map<String, Object> services = map(compose().get("services"));
        for (String service : Repo.services()) {
            Map<String, Object> s = map(services.get(service));
            assertEquals(service, at(s, "build", "args", "SERVICE"));
            assertEquals("compose/Dockerfile", at(s, "build", "dockerfile"));
            assertTrue(s.containsKey("healthcheck"), service);
            assertEquals("service_healthy", at(s, "depends_on", "postgres", "condition"), service);
            assertEquals("service_completed_successfully", at(s, "depends_on", "certs", "condition"), service);
            map(s.get("depends_on")).forEach((name, dependency) -> assertEquals(
                    name.equals("certs") ? "service_completed_successfully" : "service_healthy",
                    at(dependency, "condition"), service + " on " + name));
            assertEquals(List.of(), list(s.get("ports")).stream().map(String::valueOf)
                    .filter(p -> !(p.startsWith("127.0.0.1:") && p.endsWith(":8080"))).toList(),
                    service + " publishes only its REST port, on loopback");
            assertTrue(composeEnvironment(service).get("DB_CONNECTION_URL").startsWith("jdbc:postgresql://postgres:5432/"));
        }
        assertTrue(services.containsKey("prometheus") && services.containsKey("grafana"));
        String scrape = Repo.read(Repo.ROOT.resolve("compose/prometheus/prometheus.yml"));
        for (String service : Repo.services()) {
            assertTrue(scrape.contains("\"" + service + ":8080\""), "prometheus scrapes " + service);
        }
    }
}
