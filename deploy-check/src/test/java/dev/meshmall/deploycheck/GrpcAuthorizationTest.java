package dev.meshmall.deploycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.meshmall.platform.identity.Access;
import dev.meshmall.platform.identity.GrpcAccess;

import org.junit.jupiter.api.Test;

import static dev.meshmall.deploycheck.Repo.at;
import static dev.meshmall.deploycheck.Repo.list;
import static dev.meshmall.deploycheck.Repo.map;
import static dev.meshmall.deploycheck.Repo.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The per-service AuthorizationPolicies against the protos and the code: every method they name exists, and each
 * method is open to exactly the service accounts of the services whose code calls it.
 */
class GrpcAuthorizationTest {
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
    private static final Pattern SERVICE = Pattern.compile("(?s)service\\s+(\\w+)\\s*\\{(.*?)\\n}");
    private static final Pattern RPC = Pattern.compile("rpc\\s+(\\w+)\\s*\\(");
    private static final String PRINCIPAL_PREFIX = "cluster.local/ns/" + Repo.NAMESPACE + "/sa/";

    record Method(String owner, String service, String name) {
        String path() {
            return "/meshmall." + owner + ".v1." + service + "/" + name;
        }
    }

    /** Every rpc of proto/meshmall/**.proto, by its HTTP/2 path. */
    static Map<String, Method> protoMethods() {
        Map<String, Method> methods = new TreeMap<>();
        try (Stream<Path> files = Files.walk(Repo.ROOT.resolve("proto/meshmall"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".proto")).toList()) {
                String text = Repo.read(file);
                Matcher pkg = PACKAGE.matcher(text);
                assertTrue(pkg.find(), file.toString());
                String owner = pkg.group(1).split("\\.")[1];
                Matcher service = SERVICE.matcher(text);
                while (service.find()) {
                    Matcher rpc = RPC.matcher(service.group(2));
                    while (rpc.find()) {
                        Method m = new Method(owner, service.group(1), rpc.group(1));
                        methods.put(m.path(), m);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return methods;
    }

    /** The services whose main code calls the method on a stub of its service ({@code productStub.reserveStock(}). */
    static Set<String> callersInCode(Method method) {
        String stubCall = "." + Character.toLowerCase(method.name().charAt(0)) + method.name().substring(1) + "(";
        Set<String> callers = new TreeSet<>();
        for (String service : Repo.services()) {
            if (service.equals(method.owner())) {
                continue;
            }
            for (Path file : Repo.javaFiles(Repo.ROOT.resolve("services").resolve(service).resolve("src/main/java"))) {
                String text = Repo.read(file);
                if (text.contains(method.service() + "Grpc") && text.contains(stubCall)) {
                    callers.add(service);
                }
            }
        }
        return callers;
    }

    /** path to the service accounts the mesh's policies allow to call it. */
    static Map<String, Set<String>> allowedCallers() {
        Map<String, Set<String>> allowed = new TreeMap<>();
        for (Map<String, Object> policy : ofKind(Repo.meshDocuments(), "AuthorizationPolicy")) {
            for (Object rule : list(at(policy, "spec", "rules"))) {
                Set<String> principals = new TreeSet<>();
                for (Object from : list(map(rule).get("from"))) {
                    list(at(from, "source", "principals")).forEach(p -> principals.add((String) p));
                }
                for (Object to : list(map(rule).get("to"))) {
                    for (Object path : list(at(to, "operation", "paths"))) {
                        if (((String) path).startsWith("/meshmall.")) {
                            allowed.computeIfAbsent((String) path, p -> new TreeSet<>()).addAll(principals);
                        }
                    }
                }
            }
        }
        return allowed;
    }

    @Test
    void everyMethodInAPolicyExistsInTheProtosAndIsGuardedAtItsOwnService() {
        Map<String, Method> methods = protoMethods();
        assertTrue(methods.size() > 40, "protos read: " + methods.keySet());
        for (Map<String, Object> policy : ofKind(Repo.meshDocuments(), "AuthorizationPolicy")) {
            for (Object rule : list(at(policy, "spec", "rules"))) {
                for (Object to : list(map(rule).get("to"))) {
                    for (Object path : list(at(to, "operation", "paths"))) {
                        if (!((String) path).startsWith("/meshmall.")) {
                            continue;
                        }
                        Method method = methods.get(path);
                        assertTrue(method != null, path + " in " + at(policy, "metadata", "name") + " is no rpc of the protos");
                        assertEquals(method.owner(), at(policy, "spec", "selector", "matchLabels", "app"), (String) path);
                        assertEquals(List.of("9090"), at(to, "operation", "ports"), (String) path);
                    }
                }
            }
        }
    }

    @Test
    void eachMethodIsOpenToExactlyTheServicesThatCallIt() {
        Map<String, Set<String>> allowed = allowedCallers();
        Map<String, Set<String>> called = new TreeMap<>();
        for (Method method : protoMethods().values()) {
            Set<String> callers = callersInCode(method);
            if (!callers.isEmpty()) {
                Set<String> principals = new TreeSet<>();
                callers.forEach(c -> principals.add(PRINCIPAL_PREFIX + c));
                called.put(method.path(), principals);
            }
        }
        assertTrue(called.containsKey("/meshmall.product.v1.ProductService/ReserveStock"), "the code scan finds calls");
        Set<String> paths = new TreeSet<>(called.keySet());
        paths.addAll(allowed.keySet());
        for (String path : paths) {
            assertEquals(called.getOrDefault(path, Set.of()), allowed.getOrDefault(path, Set.of()),
                    path + ": the callers in the code (expected) and those the policies allow");
        }
    }

    /**
     * Where the table in code and the policies disagree: for every rpc of the protos, the services the table admits
     * against the service accounts the policies allow. A method without a rule is a difference too.
     */
    static List<String> differences(GrpcAccess table, Map<String, Set<String>> allowed) {
        List<String> differences = new ArrayList<>();
        for (String path : protoMethods().keySet()) {
            Optional<Access> access = table.of(path.substring(1));
            if (access.isEmpty()) {
                differences.add(path + " has no rule in GrpcAccess");
                continue;
            }
            Set<String> admitted = new TreeSet<>();
            access.get().services().forEach(service -> admitted.add(PRINCIPAL_PREFIX + service));
            Set<String> policy = allowed.getOrDefault(path, Set.of());
            if (!admitted.equals(policy)) {
                differences.add(path + ": the table admits " + admitted + ", the policies allow " + policy);
            }
        }
        return differences;
    }

    @Test
    void theAuthorizationTableInCodeEqualsThePolicies() {
        assertEquals(List.of(), differences(GrpcAccess.shop(), allowedCallers()));
    }

    @Test
    void aDeliberateDifferenceIsFound() {
        String markPaid = "meshmall.order.v1.OrderService/MarkOrderPaid";
        assertEquals(1, differences(GrpcAccess.shop().with(markPaid, Access.services("checkout", "payment")),
                allowedCallers()).size());
        Map<String, Set<String>> widened = new TreeMap<>(allowedCallers());
        widened.put("/" + markPaid, Set.of(PRINCIPAL_PREFIX + "checkout", PRINCIPAL_PREFIX + "cart"));
        assertEquals(1, differences(GrpcAccess.shop(), widened).size());
    }

    @Test
    void nothingIsAllowedUnlessAPolicySaysSo() {
        List<Map<String, Object>> policies = ofKind(Repo.meshDocuments(), "AuthorizationPolicy");
        assertTrue(policies.stream().anyMatch(p -> Repo.NAMESPACE.equals(at(p, "metadata", "namespace"))
                && (p.get("spec") == null || map(p.get("spec")).isEmpty())), "an allow-nothing policy");
        for (String service : Repo.services()) {
            assertTrue(policies.stream().anyMatch(p -> service.equals(at(p, "spec", "selector", "matchLabels", "app"))),
                    service + " has its policy");
        }
        for (Map<String, Object> policy : policies) {
            for (Object rule : list(at(policy, "spec", "rules"))) {
                boolean fromGateway = list(map(rule).get("from")).stream()
                        .flatMap(f -> list(at(f, "source", "principals")).stream())
                        .anyMatch(p -> ((String) p).contains("ingressgateway"));
                boolean toGrpc = list(map(rule).get("to")).stream()
                        .anyMatch(t -> list(at(t, "operation", "ports")).contains("9090"));
                assertFalse(fromGateway && toGrpc, "the ingress reaches no gRPC port: " + rule);
            }
        }
    }
}
