package dev.meshmall.deploycheck;

import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.meshmall.auth.AuthApp;
import dev.meshmall.platform.RunningService;
import dev.meshmall.platform.http.OpenApiDocument;
import dev.meshmall.platform.http.PublicRoutes;
import dev.meshmall.testing.TestDatabase;
import dev.meshmall.testing.TestServices;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import static dev.meshmall.deploycheck.Repo.at;
import static dev.meshmall.deploycheck.Repo.list;
import static dev.meshmall.deploycheck.Repo.map;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI document against the routes the services really register, both ways. The served routes are
 * recorded by calling each {@code HttpService} a service's {@code *App} registers against a recording
 * {@link HttpRules}, under the prefix the App registers it at; the platform's own per-service endpoints
 * ({@code /observe/*}, {@code /openapi}) are not part of the API the ingress routes and are left out.
 */
class OpenApiRoutesTest {
    static final Path DOCUMENT = Repo.ROOT.resolve("services/platform/src/main/resources")
            .resolve(OpenApiDocument.RESOURCE);
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final String SAMPLE_ID = "3f1c9a52-0000-4000-8000-000000000001";
    private static final Pattern REGISTER = Pattern.compile("\\.register\\(\\s*([^,()]+?)\\s*,\\s*new\\s+(\\w+)\\(");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}]+)}");

    /** One operation, as "METHOD /path/{param}". */
    record Route(String method, String path) implements Comparable<Route> {
        @Override
        public String toString() {
            return method + " " + path;
        }

        @Override
        public int compareTo(Route other) {
            return toString().compareTo(other.toString());
        }

        String samplePath() {
            return PATH_PARAMETER.matcher(path).replaceAll(SAMPLE_ID);
        }
    }

    static Map<String, Object> document() {
        return Repo.documents(DOCUMENT).getFirst();
    }

    /** The documented operations, each with its operation object. */
    static Map<Route, Map<String, Object>> documented(Map<String, Object> document) {
        Map<Route, Map<String, Object>> operations = new TreeMap<>();
        for (Map.Entry<String, Object> path : map(document.get("paths")).entrySet()) {
            for (Map.Entry<String, Object> item : map(path.getValue()).entrySet()) {
                if (METHODS.contains(item.getKey())) {
                    operations.put(new Route(item.getKey().toUpperCase(), path.getKey()), map(item.getValue()));
                }
            }
        }
        return operations;
    }

    /** Every route the services register, with the service that serves it. */
    static Map<Route, String> served() {
        Map<Route, String> routes = new TreeMap<>();
        for (String service : Repo.services()) {
            Path app = appSource(service);
            String source = Repo.read(app);
            Matcher m = REGISTER.matcher(source);
            int registrations = 0;
            while (m.find()) {
                registrations++;
                Class<?> type = load(source, m.group(2), app);
                String prefix = mountPrefix(source, m.group(1), app);
                recorder(prefix, (method, path) -> {
                    String earlier = routes.put(new Route(method, path), service);
                    assertTrue(earlier == null, method + " " + path + " is registered by " + earlier + " and " + service);
                }).register(instance(type));
            }
            assertEquals(countOf(source, ".register("), registrations, app + ": a registration this check cannot read");
            assertTrue(registrations > 0, app + " registers no REST resource");
        }
        return routes;
    }

    private static Path appSource(String service) {
        Path dir = Repo.ROOT.resolve("services").resolve(service).resolve("src/main/java/dev/meshmall").resolve(service);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> apps = files.filter(f -> f.getFileName().toString().endsWith("App.java")).toList();
            assertEquals(1, apps.size(), "one *App.java in " + dir);
            return apps.getFirst();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Class<?> load(String source, String simpleName, Path app) {
        Matcher imported = Pattern.compile("import\\s+([\\w.]+\\." + simpleName + ");").matcher(source);
        assertTrue(imported.find(), app + " does not import " + simpleName);
        try {
            return Class.forName(imported.group(1));
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** The first argument of {@code register}: a string literal or a class's constant ({@code CartResource.PATH}). */
    private static String mountPrefix(String source, String expression, Path app) {
        if (expression.startsWith("\"") && expression.endsWith("\"")) {
            return expression.substring(1, expression.length() - 1);
        }
        String[] parts = expression.split("\\.");
        assertEquals(2, parts.length, app + ": a prefix this check cannot read: " + expression);
        try {
            return (String) load(source, parts[0], app).getField(parts[1]).get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(app + ": " + expression, e);
        }
    }

    /** Routing only takes method references, so the handlers' collaborators can be absent. */
    private static HttpService instance(Class<?> type) {
        Constructor<?>[] constructors = type.getConstructors();
        assertEquals(1, constructors.length, type + " has one public constructor");
        Class<?>[] parameters = constructors[0].getParameterTypes();
        Object[] arguments = new Object[parameters.length];
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i].isPrimitive()) {
                arguments[i] = parameters[i] == boolean.class ? false : 0;
            }
        }
        try {
            return (HttpService) constructors[0].newInstance(arguments);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(type + " cannot be made for recording", e);
        }
    }

    /** An {@link HttpRules} that records each route as method and full path, and refuses what it cannot read. */
    static HttpRules recorder(String prefix, BiConsumer<String, String> sink) {
        return (HttpRules) Proxy.newProxyInstance(HttpRules.class.getClassLoader(), new Class<?>[] {HttpRules.class},
                (proxy, method, args) -> {
                    Object[] a = args == null ? new Object[0] : args;
                    String name = method.getName();
                    switch (name) {
                        case "register" -> {
                            if (a.length == 2 && a[0] instanceof String path && a[1] instanceof HttpService[] services) {
                                for (HttpService service : services) {
                                    service.routing(recorder(join(prefix, path), sink));
                                }
                                return proxy;
                            }
                            if (a.length == 1 && a[0] instanceof HttpService[] services) {
                                for (HttpService service : services) {
                                    service.routing(recorder(prefix, sink));
                                }
                                return proxy;
                            }
                        }
                        case "get", "post", "put", "delete", "patch", "head", "options", "trace", "any" -> {
                            String path = a.length == 2 && a[0] instanceof String p ? p : "";
                            sink.accept(name.toUpperCase(), join(prefix, path));
                            return proxy;
                        }
                        case "route" -> {
                            if (a.length == 3 && a[0] instanceof Method m && a[1] instanceof String path) {
                                sink.accept(m.text(), join(prefix, path));
                                return proxy;
                            }
                        }
                        case "toString" -> {
                            return "recording rules under " + prefix;
                        }
                        default -> {
                        }
                    }
                    throw new AssertionError("a routing rule this check cannot read: " + method);
                });
    }

    private static String join(String prefix, String path) {
        String joined = path.isEmpty() || path.equals("/") ? prefix
                : prefix + (path.startsWith("/") ? path : "/" + path);
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void everyServedRouteIsDocumented() {
        Set<Route> missing = new TreeSet<>(served().keySet());
        missing.removeAll(documented(document()).keySet());
        assertEquals(Set.of(), missing, "served but not in " + DOCUMENT.getFileName());
    }

    @Test
    void everyDocumentedRouteIsServed() {
        Set<Route> extra = new TreeSet<>(documented(document()).keySet());
        extra.removeAll(served().keySet());
        assertEquals(Set.of(), extra, "in " + DOCUMENT.getFileName() + " but served by no service");
    }

    @Test
    void theRecordingSeesWhatTheServicesRegister() {
        Map<Route, String> served = served();
        assertEquals("checkout", served.get(new Route("POST", "/api/v1/orders/{id}/pay")));
        assertEquals("order", served.get(new Route("POST", "/api/v1/orders/{id}/cancel")));
        assertEquals("auth", served.get(new Route("GET", "/.well-known/jwks.json")));
        assertEquals("cart", served.get(new Route("GET", "/api/v1/cart")));
        assertTrue(served.size() > 40, "only " + served.size() + " routes recorded");
    }

    @Test
    void eachOperationIsTaggedWithTheServiceThatServesItAndTheIngressRoutesItThere() {
        Map<Route, String> served = served();
        List<IngressRoutesTest.IngressRoute> ingress = IngressRoutesTest.ingressRoutes();
        documented(document()).forEach((route, operation) -> {
            List<Object> tags = list(operation.get("tags"));
            assertEquals(1, tags.size(), route + " has one tag, its service");
            String service = (String) tags.getFirst();
            Optional.ofNullable(served.get(route)).ifPresent(s -> assertEquals(s, service, route + " is served by"));
            assertEquals(Optional.of(service), IngressRoutesTest.devstackService(route.samplePath()),
                    "the entry port sends " + route + " to");
            assertEquals(Optional.of(service), IngressRoutesTest.ingressService(ingress, route.method(),
                    route.samplePath()), "the mesh ingress sends " + route + " to");
        });
    }

    @Test
    void exactlyTheServicesPublicRoutesAreDocumentedWithoutSecurity() {
        Map<String, PublicRoutes> publicRoutes = new HashMap<>();
        for (String service : Repo.services()) {
            Config config = Config.just(ConfigSources.file(
                    Repo.ROOT.resolve("services").resolve(service).resolve("src/main/resources/application.yaml")));
            publicRoutes.put(service, PublicRoutes.from(config));
        }
        assertEquals(List.of(Map.of("bearer", List.of())), document().get("security"), "bearer by default");
        assertEquals(Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT"),
                withoutDescription(at(document(), "components", "securitySchemes", "bearer")));
        Set<Route> open = new TreeSet<>();
        documented(document()).forEach((route, operation) -> {
            String service = (String) list(operation.get("tags")).getFirst();
            boolean isPublic = publicRoutes.get(service).isPublic(route.method(), route.samplePath());
            if (isPublic) {
                open.add(route);
                assertEquals(List.of(), operation.get("security"), route + " is public: security: []");
            } else {
                assertFalse(operation.containsKey("security"), route + " needs the default bearer token");
            }
        });
        assertTrue(open.contains(new Route("POST", "/api/v1/auth/login")), "login is public: " + open);
        assertTrue(open.contains(new Route("GET", "/api/v1/products/{id}")), "products are public: " + open);
    }

    private static Map<String, Object> withoutDescription(Object node) {
        Map<String, Object> copy = new HashMap<>(map(node));
        copy.remove("description");
        return copy;
    }

    @Test
    void theDocumentIsAValidOpenApi31Document() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIParser().readContents(Files.readString(DOCUMENT), null, options);
        assertEquals(List.of(), result.getMessages() == null ? List.of() : result.getMessages());
        assertNotNull(result.getOpenAPI());
        assertEquals(SpecVersion.V31, result.getOpenAPI().getSpecVersion());
        assertEquals(documented(document()).size(), result.getOpenAPI().getPaths().values().stream()
                .mapToInt(item -> item.readOperations().size()).sum());
    }

    @Test
    void everyReferenceResolves() {
        Map<String, Object> document = document();
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        assertTrue(refs.size() > 50, "refs found: " + refs.size());
        for (String ref : refs) {
            assertTrue(ref.startsWith("#/"), ref);
            assertNotNull(at(document, ref.substring(2).split("/")), "unresolved " + ref);
        }
    }

    /** A key without a value is a YAML slip (a comma inside a flow mapping splits a description in two). */
    @Test
    void noKeyIsLeftWithoutAValue() {
        List<String> empty = new ArrayList<>();
        collectEmpty("", document(), empty);
        assertEquals(List.of(), empty);
    }

    private static void collectEmpty(String at, Object node, List<String> empty) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((key, value) -> {
                if (value == null) {
                    empty.add(at + "/" + key);
                }
                collectEmpty(at + "/" + key, value, empty);
            });
        } else if (node instanceof List<?> l) {
            l.forEach(item -> collectEmpty(at + "[]", item, empty));
        }
    }

    private static void collectRefs(Object node, List<String> refs) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((key, value) -> {
                if ("$ref".equals(key)) {
                    refs.add((String) value);
                } else {
                    collectRefs(value, refs);
                }
            });
        } else if (node instanceof List<?> l) {
            l.forEach(item -> collectRefs(item, refs));
        }
    }

    private static Object resolve(Map<String, Object> document, Object node) {
        Object current = node;
        while (current instanceof Map<?, ?> m && m.get("$ref") instanceof String ref) {
            current = at(document, ref.substring(2).split("/"));
        }
        return current;
    }

    private static List<Map<String, Object>> parameters(Map<String, Object> document, Route route,
                                                         Map<String, Object> operation) {
        List<Map<String, Object>> all = new ArrayList<>();
        for (Object p : list(at(document, "paths", route.path(), "parameters"))) {
            all.add(map(resolve(document, p)));
        }
        for (Object p : list(operation.get("parameters"))) {
            all.add(map(resolve(document, p)));
        }
        return all;
    }

    @Test
    void everyPathParameterIsDeclaredAndRequired() {
        Map<String, Object> document = document();
        documented(document).forEach((route, operation) -> {
            Set<String> inPath = new TreeSet<>();
            Matcher m = PATH_PARAMETER.matcher(route.path());
            while (m.find()) {
                inPath.add(m.group(1));
            }
            Set<String> declared = new TreeSet<>();
            for (Map<String, Object> p : parameters(document, route, operation)) {
                if ("path".equals(p.get("in"))) {
                    assertEquals(true, p.get("required"), route + " path parameter " + p.get("name"));
                    declared.add((String) p.get("name"));
                }
            }
            assertEquals(inPath, declared, route + " path parameters");
        });
    }

    @Test
    void checkoutAndPayTakeARequiredIdempotencyKey() {
        Map<String, Object> document = document();
        Map<Route, Map<String, Object>> operations = documented(document);
        for (Route route : List.of(new Route("POST", "/api/v1/checkout"), new Route("POST", "/api/v1/orders/{id}/pay"))) {
            assertTrue(parameters(document, route, operations.get(route)).stream().anyMatch(p ->
                    "header".equals(p.get("in")) && "Idempotency-Key".equals(p.get("name"))
                            && Boolean.TRUE.equals(p.get("required"))), route + " has a required Idempotency-Key");
        }
    }

    @Test
    void listsTakePageAndSizeAndErrorsAreProblems() {
        Map<String, Object> document = document();
        Set<String> problemFields = map(at(document, "components", "schemas", "Problem", "properties")).keySet();
        assertTrue(problemFields.containsAll(List.of("type", "title", "status", "detail", "code", "field")),
                "problem fields " + problemFields);
        documented(document).forEach((route, operation) -> {
            Map<String, Object> responses = map(operation.get("responses"));
            assertFalse(responses.isEmpty(), route + " has responses");
            responses.forEach((status, response) -> {
                Object content = at(resolve(document, response), "content");
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertNotNull(at(content, "application/problem+json", "schema"), route + " " + status);
                }
            });
            Object ok = at(resolve(document, responses.get("200")), "content", "application/json", "schema");
            boolean paged = ok != null && list(map(ok).get("allOf")).stream()
                    .anyMatch(part -> "#/components/schemas/PageInfo".equals(map(part).get("$ref")));
            if (paged) {
                Set<String> query = new TreeSet<>();
                parameters(document, route, operation).stream().filter(p -> "query".equals(p.get("in")))
                        .forEach(p -> query.add((String) p.get("name")));
                assertTrue(query.containsAll(List.of("page", "size")), route + " takes page and size: " + query);
            }
        });
    }

    @Test
    void schemaFieldsAreSnakeCase() {
        Pattern snake = Pattern.compile("[a-z][a-z0-9_]*");
        Set<String> fields = new LinkedHashSet<>();
        collectPropertyNames(document(), fields);
        assertTrue(fields.contains("access_token") && fields.contains("street_address"), fields.toString());
        for (String field : fields) {
            assertTrue(snake.matcher(field).matches(), "not snake_case: " + field);
        }
    }

    private static void collectPropertyNames(Object node, Set<String> names) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((key, value) -> {
                if ("properties".equals(key) && value instanceof Map<?, ?> properties) {
                    properties.keySet().forEach(name -> names.add((String) name));
                }
                collectPropertyNames(value, names);
            });
        } else if (node instanceof List<?> l) {
            l.forEach(item -> collectPropertyNames(item, names));
        }
    }

    /** The document is served as it is in the repository, without a token, by a real service. */
    @Test
    void aRunningServiceServesTheDocumentWithoutAToken() throws Exception {
        Map<String, String> settings = new HashMap<>(TestDatabase.newDatabase());
        settings.put("services.user.grpc", "127.0.0.1:" + TestServices.freePort());
        try (RunningService auth = TestServices.start(new AuthApp(), settings)) {
            var http = TestServices.http(auth);
            try (var response = http.get(OpenApiDocument.PATH).request()) {
                assertEquals(200, response.status().code());
                assertEquals(OpenApiDocument.MEDIA_TYPE, response.headers().first(HeaderNames.CONTENT_TYPE).orElse(""));
                byte[] body = response.entity().as(byte[].class);
                assertArrayEquals(Files.readAllBytes(DOCUMENT), body,
                        "served: " + new String(body, StandardCharsets.UTF_8).lines().limit(3).toList());
            }
            try (var response = http.post("/api/v1/auth/logout").request()) {
                assertEquals(401, response.status().code(), "the other routes still need a token");
            }
            try (var response = http.post(OpenApiDocument.PATH).request()) {
                assertTrue(response.status().code() == 401 || response.status().code() == 405,
                        "only GET is open: " + response.status());
            }
        }
    }
}
