package dev.meshmall.deploycheck;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every manifest against the Kubernetes and Istio schemas, refusing keys the schemas do not know. */
class SchemaTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayOutputIsValid(String overlay) {
        Tools.Result result = Tools.validate(Tools.kustomize(overlay), List.of("-"));
        assertEquals(0, result.exitCode(), result.output());
    }

    @Test
    void everyMeshFileIsValid() {
        List<String> files = Repo.meshFiles().stream().map(Object::toString).toList();
        assertTrue(files.size() >= 6, "mesh/ has its files: " + files);
        Tools.Result result = Tools.validate(null, files);
        assertEquals(0, result.exitCode(), result.output());
    }

    /** The validator itself: a wrong type, a bad enum value and misspelled keys must all be reported. */
    @Test
    void validatorRefusesWrongTypesAndUnknownKeys() {
        String broken = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: broken
                  lables: {app: broken}
                spec:
                  replicas: two
                  selector: {matchLabels: {app: broken}}
                  template:
                    metadata: {labels: {app: broken}}
                    spec:
                      containers:
                        - name: broken
                          image: broken
                          readinessProbe:
                            httpGet: {path: /observe/health, port: http}
                            periodSecond: 5
                ---
                apiVersion: security.istio.io/v1
                kind: PeerAuthentication
                metadata: {name: broken}
                spec:
                  mtls: {mode: STRICTLY}
                ---
                apiVersion: networking.istio.io/v1
                kind: VirtualService
                metadata: {name: broken}
                spec:
                  hosts: [broken]
                  http:
                    - route: [{destination: {host: broken}}]
                      retries: {attempts: 2, perTryTimeot: 1s}
                ---
                apiVersion: networking.istio.io/v1
                kind: NoSuchKind
                metadata: {name: broken}
                """;
        Tools.Result result = Tools.validate(broken, List.of("-"));
        assertEquals(1, result.exitCode(), result.output());
        for (String expected : List.of("/spec/replicas must be integer", "/metadata/lables: unknown key",
                "readinessProbe/periodSecond: unknown key", "/spec/mtls/mode must be equal to one of the allowed values",
                "perTryTimeot: unknown key", "no schema for apiVersion networking.istio.io/v1 kind NoSuchKind")) {
            assertTrue(result.output().contains(expected), "missing \"" + expected + "\" in:\n" + result.output());
        }
    }
}
