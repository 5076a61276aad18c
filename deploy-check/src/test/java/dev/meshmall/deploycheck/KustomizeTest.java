package dev.meshmall.deploycheck;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.meshmall.deploycheck.Repo.at;
import static dev.meshmall.deploycheck.Repo.list;
import static dev.meshmall.deploycheck.Repo.map;
import static dev.meshmall.deploycheck.Repo.named;
import static dev.meshmall.deploycheck.Repo.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each overlay builds: per service the workload the issue asks for, and what sets the overlays apart. */
class KustomizeTest {

    static List<Map<String, Object>> build(String overlay) {
        return Repo.documents(Tools.kustomize(overlay));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasItsWorkloadInTheNamespace(String overlay) {
        List<Map<String, Object>> docs = build(overlay);
        for (Map<String, Object> doc : docs) {
            if (!"Namespace".equals(doc.get("kind"))) {
                assertEquals(Repo.NAMESPACE, at(doc, "metadata", "namespace"), doc.get("kind") + " " + at(doc, "metadata", "name"));
            }
        }
        for (String service : Repo.services()) {
            named(docs, "ServiceAccount", service);
            named(docs, "ConfigMap", service + "-env");
            named(docs, "ConfigMap", service + "-config");
            Map<String, Object> kubeService = named(docs, "Service", service);
            Map<String, Object> ports = list(at(kubeService, "spec", "ports")).stream().map(Repo::map)
                    .collect(Collectors.toMap(p -> (String) p.get("name"), p -> p.get("port")));
            assertEquals(Map.of("http", 8080, "grpc", 9090), ports, service);

            Map<String, Object> deployment = named(docs, "Deployment", service);
            Map<String, Object> podLabels = map(at(deployment, "spec", "template", "metadata", "labels"));
            assertEquals(service, podLabels.get("app"));
            assertEquals("v1", podLabels.get("version"));
            Map<String, Object> annotations = map(at(deployment, "spec", "template", "metadata", "annotations"));
            assertEquals("true", annotations.get("prometheus.io/scrape"));
            assertEquals("/observe/metrics", annotations.get("prometheus.io/path"));
            assertEquals(service, at(deployment, "spec", "template", "spec", "serviceAccountName"));

            Map<String, Object> pod = map(at(deployment, "spec", "template", "spec"));
            assertTrue(((Number) at(pod, "securityContext", "runAsUser")).intValue() != 1337,
                    "the sidecar's uid is 1337");
            Map<String, Object> container = map(list(pod.get("containers")).getFirst());
            for (String probe : List.of("readinessProbe", "livenessProbe")) {
                assertEquals("/observe/health", at(container, probe, "httpGet", "path"), service + " " + probe);
            }
            assertNotNull(at(container, "resources", "requests", "memory"), service);
            assertNotNull(at(container, "resources", "limits", "memory"), service);

            Map<String, Object> migrate = map(list(pod.get("initContainers")).getFirst());
            assertEquals(List.of("migrate"), migrate.get("args"), service);
            assertEquals(container.get("image"), migrate.get("image"), service);

            assertEquals("/config/application.yaml", env(container).get("MESHMALL_CONFIG_FILE"), service);
            Map<String, Object> mount = list(container.get("volumeMounts")).stream().map(Repo::map)
                    .filter(m -> "/config".equals(m.get("mountPath"))).findFirst()
                    .orElseThrow(() -> new AssertionError(service + " mounts no /config"));
            assertFalse(mount.containsKey("subPath"), "a subPath mount never sees a ConfigMap update");
            String volume = (String) mount.get("name");
            Object configMap = list(pod.get("volumes")).stream().map(Repo::map)
                    .filter(v -> volume.equals(v.get("name"))).findFirst().map(v -> at(v, "configMap", "name"))
                    .orElse(null);
            assertEquals(service + "-config", configMap, service);
        }
    }

    @Test
    void devRunsOneReplicaOfEachAndItsOwnPostgres() {
        List<Map<String, Object>> docs = build("dev");
        for (String service : Repo.services()) {
            assertEquals(1, at(named(docs, "Deployment", service), "spec", "replicas"), service);
        }
        named(docs, "StatefulSet", "postgres");
        named(docs, "Service", "postgres");
        assertTrue(ofKind(docs, "HorizontalPodAutoscaler").isEmpty());
    }

    @Test
    void prodRunsTwoOrMoreWithAutoscalingAndDisruptionBudgetsAndNoSecretValues() {
        List<Map<String, Object>> docs = build("prod");
        for (String service : Repo.services()) {
            assertTrue(((Number) at(named(docs, "Deployment", service), "spec", "replicas")).intValue() >= 2);
            Map<String, Object> hpa = named(docs, "HorizontalPodAutoscaler", service);
            assertEquals(service, at(hpa, "spec", "scaleTargetRef", "name"));
            assertTrue(((Number) at(hpa, "spec", "minReplicas")).intValue() >= 2);
            Map<String, Object> pdb = named(docs, "PodDisruptionBudget", service);
            assertEquals(service, at(pdb, "spec", "selector", "matchLabels", "app"));
        }
        assertTrue(ofKind(docs, "Secret").isEmpty(), "prod's secrets are created in the cluster, not kept here");
        assertTrue(ofKind(docs, "StatefulSet").isEmpty());
        Set<String> secretsRead = ofKind(docs, "Deployment").stream()
                .flatMap(d -> list(at(d, "spec", "template", "spec", "containers")).stream())
                .flatMap(c -> list(map(c).get("env")).stream())
                .map(e -> at(e, "valueFrom", "secretKeyRef", "name")).filter(n -> n != null)
                .map(String::valueOf).collect(Collectors.toSet());
        Set<String> expected = new HashSet<>(Set.of("auth-signing", "payment-vault", "meshmall-admin"));
        Repo.services().forEach(service -> expected.add("postgres-credentials-" + service));
        assertEquals(expected, secretsRead);
    }

    /** A container's literal environment variables (those from a ConfigMap or Secret map to null). */
    static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        for (Object e : list(container.get("env"))) {
            env.put((String) map(e).get("name"), (String) map(e).get("value"));
        }
        return env;
    }
}
