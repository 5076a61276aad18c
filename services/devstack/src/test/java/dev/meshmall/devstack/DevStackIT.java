package dev.meshmall.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import dev.meshmall.testing.Ports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The README's first session against the devstack started as {@code ./devstack} starts it (its own JVM, the
 * services' real jars), on ports of its own and a throw-away data directory, talking to the entry port only.
 * Then a service's config file is edited, a service is killed and PostgreSQL stopped at once, as a user would;
 * the last test stops it the way Ctrl-C does and checks that nothing it started is left running.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevStackIT {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final int POSTGRES_PORT = 5432;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dataDir;
    private static Path log;
    private static Process devstack;
    private static int entryPort;
    private static int postgresPort;
    private static final String EMAIL = "ada-" + UUID.randomUUID() + "@example.com";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String ADDRESS = "{\"name\":\"Ada Lovelace\",\"street_address\":\"12 St James's Square\","
            + "\"city\":\"London\",\"country\":\"GB\",\"zip_code\":\"SW1Y 4JH\"}";
    private static final String CARD = "{\"number\":\"4242424242424242\",\"exp_month\":12,\"exp_year\":2031,"
            + "\"cvv\":\"123\",\"holder_name\":\"Ada Lovelace\"}";

    @BeforeAll
    static void startTheStack() throws Exception {
        int offset = freePortOffset();
        entryPort = Options.DEFAULT_ENTRY_PORT + offset;
        postgresPort = POSTGRES_PORT + offset;
        log = Path.of("target", "devstack-test.log").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                DevStack.class.getName(),
                "--port", Integer.toString(entryPort),
                "--postgres-port", Integer.toString(postgresPort),
                "--data-dir", dataDir.toString(),
                "--service-port-offset", Integer.toString(offset))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove(AdminAccount.EMAIL_VARIABLE);
        builder.environment().remove(AdminAccount.PASSWORD_VARIABLE);
        devstack = builder.start();
        awaitReady();
    }

    @AfterAll
    static void leaveNothingRunning() throws Exception {
        if (devstack == null) {
            return;
        }
        List<ProcessHandle> services = devstack.descendants().toList();
        Optional<ProcessHandle> postgres = postmaster();
        devstack.destroyForcibly();
        services.forEach(ProcessHandle::destroyForcibly);
        postgres.ifPresent(ProcessHandle::destroy);
        devstack.waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    @Order(1)
    void aNewUserRegistersLogsInAndReadsTheirProfile() throws Exception {
        HttpResponse<String> registered = post("/api/v1/users",
                Map.of("email", EMAIL, "password", PASSWORD, "name", "Ada Lovelace"));
        assertThat(registered.body(), registered.statusCode(), is(201));

        HttpResponse<String> login = post("/api/v1/auth/login", Map.of("email", EMAIL, "password", PASSWORD));
        assertThat(login.body(), login.statusCode(), is(200));
        JsonNode tokens = JSON.readTree(login.body());
        assertThat(tokens.path("refresh_token").asText(), not(""));

        HttpResponse<String> me = HTTP.send(request("/api/v1/users/me")
                        .header("Authorization", "Bearer " + tokens.path("access_token").asText())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(me.body(), me.statusCode(), is(200));
        assertThat(JSON.readTree(me.body()).path("email").asText(), is(EMAIL));
    }

    @Test
    @Order(2)
    void theSigningKeysArePublic() throws Exception {
        HttpResponse<String> jwks = get("/.well-known/jwks.json");

        assertThat(jwks.body(), jwks.statusCode(), is(200));
        assertThat(JSON.readTree(jwks.body()).path("keys").size() > 0, is(true));
    }

    @Test
    @Order(3)
    void aPathNoServiceServesIsANoRouteProblem() throws Exception {
        HttpResponse<String> response = get("/api/v1/nowhere");

        assertThat(response.statusCode(), is(404));
        assertThat(response.headers().firstValue("content-type").orElse(""), is("application/problem+json"));
        assertThat(JSON.readTree(response.body()).path("code").asText(), is("no_route"));
    }

    @Test
    @Order(4)
    void theBootstrapAdminLogsInWithTheDefaults() throws Exception {
        HttpResponse<String> login = post("/api/v1/auth/login",
                Map.of("email", AdminAccount.DEFAULT_EMAIL, "password", AdminAccount.DEFAULT_PASSWORD));

        assertThat(login.body(), login.statusCode(), is(200));
        assertThat(JSON.readTree(login.body()).path("access_token").asText(), not(""));
    }

    @Test
    @Order(5)
    void theDemoCatalogIsBrowsableThroughTheEntryPort() throws Exception {
        assertThat(Files.readString(log), containsString("demo catalog: " + DemoCatalog.products().size()
                + " products loaded"));

        JsonNode lamps = JSON.readTree(get("/api/v1/products?q=lamps").body());
        List<String> found = new ArrayList<>();
        lamps.path("items").forEach(item -> found.add(item.path("name").asText()));
        assertThat(found.toString(), found.contains("Smart LED Desk Lamp"), is(true));

        HttpResponse<String> toys = get("/api/v1/products?category=toys&size=100");
        assertThat(toys.body(), toys.statusCode(), is(200));
        JsonNode page = JSON.readTree(toys.body());
        assertThat(page.path("total").asLong() > 0, is(true));
        assertThat(page.path("total").asLong() < DemoCatalog.products().size(), is(true));
        page.path("items").forEach(item -> assertThat(item.path("categories").toString(), containsString("\"toys\"")));

        HttpResponse<String> categories = get("/api/v1/categories");
        assertThat(categories.body(), containsString("\"slug\":\"apparel\""));
    }

    @Test
    @Order(6)
    void aShopperChecksOutTheirCartWithATestCardAndTheOrderIsPaid() throws Exception {
        String token = JSON.readTree(post("/api/v1/auth/login", Map.of("email", EMAIL, "password", PASSWORD)).body())
                .path("access_token").asText();
        JsonNode lamp = JSON.readTree(get("/api/v1/products?q=lamps").body()).path("items").get(0);
        HttpResponse<String> added = send("POST", "/api/v1/cart/items", token, Optional.empty(),
                "{\"product_id\":\"" + lamp.path("id").asText() + "\",\"quantity\":2}");
        assertThat(added.body(), added.statusCode(), is(200));

        HttpResponse<String> checkout = send("POST", "/api/v1/checkout", token, Optional.of(UUID.randomUUID().toString()),
                "{\"address\":" + ADDRESS + ",\"card\":" + CARD + ",\"email\":\"" + EMAIL + "\"}");

        assertThat(checkout.body(), checkout.statusCode(), is(201));
        JsonNode receipt = JSON.readTree(checkout.body());
        assertThat(receipt.path("status").asText(), is("PAID"));
        assertThat(receipt.path("total").path("amount").asLong(), is(2 * lamp.path("price").path("amount").asLong()));
        JsonNode orders = JSON.readTree(send("GET", "/api/v1/orders", token, Optional.empty(), "").body());
        assertThat(orders.path("items").get(0).path("id").asText(), is(receipt.path("order_id").asText()));
        assertThat(orders.path("items").get(0).path("status").asText(), is("PAID"));
        HttpResponse<String> payment = send("GET", "/api/v1/payments/" + receipt.path("payment_id").asText(), token,
                Optional.empty(), "");
        assertThat(payment.body(), payment.statusCode(), is(200));
    }

    @Test
    @Order(7)
    void anOrderPlacedWithoutACardIsPaidThroughItsPayPath() throws Exception {
        String token = JSON.readTree(post("/api/v1/auth/login", Map.of("email", EMAIL, "password", PASSWORD)).body())
                .path("access_token").asText();
        JsonNode mug = JSON.readTree(get("/api/v1/products?size=1").body()).path("items").get(0);
        send("POST", "/api/v1/cart/items", token, Optional.empty(),
                "{\"product_id\":\"" + mug.path("id").asText() + "\",\"quantity\":1}");
        HttpResponse<String> placed = send("POST", "/api/v1/checkout", token, Optional.of(UUID.randomUUID().toString()),
                "{\"address\":" + ADDRESS + ",\"email\":\"" + EMAIL + "\"}");
        assertThat(placed.body(), placed.statusCode(), is(201));
        String orderId = JSON.readTree(placed.body()).path("order_id").asText();

        HttpResponse<String> paid = send("POST", "/api/v1/orders/" + orderId + "/pay", token,
                Optional.of(UUID.randomUUID().toString()), "{\"card\":" + CARD + "}");

        assertThat(paid.body(), paid.statusCode(), is(200));
        assertThat(JSON.readTree(send("GET", "/api/v1/orders/" + orderId, token, Optional.empty(), "").body())
                .path("status").asText(), is("PAID"));
    }

    @Test
    @Order(8)
    void eachServiceConnectsAsItsOwnRoleWhichOwnsItsSchemaAndCannotReadAnothers() throws Exception {
        Map<String, String> schemas = Map.of("auth", "auth", "user", "users", "product", "catalog", "cart", "cart",
                "order", "orders", "payment", "payments", "checkout", "checkout");
        String url = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + Postgres.DATABASE;
        try (Connection admin = DriverManager.getConnection(url, Postgres.SUPERUSER, "");
             Statement sql = admin.createStatement()) {
            ResultSet owners = sql.executeQuery("SELECT nspname, nspowner::regrole::text FROM pg_namespace");
            Map<String, String> owner = new HashMap<>();
            while (owners.next()) {
                owner.put(owners.getString(1), owners.getString(2));
            }
            schemas.forEach((service, schema) -> assertThat(schema, owner.get(schema), is("meshmall_" + service)));
            ResultSet users = sql.executeQuery("SELECT DISTINCT usename FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid() ORDER BY 1");
            List<String> connected = new ArrayList<>();
            while (users.next()) {
                connected.add(users.getString(1));
            }
            assertThat(connected, is(schemas.keySet().stream().map(s -> "meshmall_" + s).sorted().toList()));
        }
        try (Connection product = DriverManager.getConnection(url, "meshmall_product", "meshmall_product");
             Statement sql = product.createStatement()) {
            SQLException refused = assertThrows(SQLException.class, () -> sql.executeQuery("SELECT * FROM orders.orders"));
            assertThat(refused.getMessage(), containsString("permission denied for schema orders"));
        }
    }

    @Test
    @Order(9)
    void eachServiceHasAConfigFileWithItsHotKeysAndAnEditAppliesWithoutARestart() throws Exception {
        Path folder = dataDir.resolve("config");
        assertThat(Files.readString(log), containsString("config files in " + folder));
        Path order = folder.resolve("order.yaml");
        String seeded = Files.readString(order);
        assertThat(seeded, containsString("order:\n  payment-timeout: PT15M\n"));
        assertThat(Files.readString(folder.resolve("user.yaml")), containsString("    max-failures: 5\n"));

        Files.writeString(order, seeded.replace("payment-timeout: PT15M", "payment-timeout: PT20M"));

        awaitLine("configuration changed: order.payment-timeout PT15M -> PT20M", Duration.ofSeconds(15));
    }

    @Test
    @Order(10)
    void aServiceKilledWithSigkillIsRestartedAndAnswersThroughTheEntryAgain() throws Exception {
        ProcessHandle product = serviceProcess("product");

        product.destroyForcibly();

        product.onExit().get(10, TimeUnit.SECONDS);
        awaitLine("product exited with code 137: restarting it in 1 s", Duration.ofSeconds(10));
        awaitLine("product: healthy again", Duration.ofSeconds(90));
        assertThat(serviceProcess("product").pid(), not(product.pid()));
        HttpResponse<String> categories = get("/api/v1/categories");
        assertThat(categories.body(), categories.statusCode(), is(200));
    }

    @Test
    @Order(11)
    void postgresStoppedImmediatelyIsRestartedAndTheShopReadsFromItAgain() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + Postgres.DATABASE;
        try (Connection admin = DriverManager.getConnection(url, Postgres.SUPERUSER, "");
             Statement sql = admin.createStatement();
             ResultSet commit = sql.executeQuery("SHOW synchronous_commit")) {
            commit.next();
            assertThat("a commit the shop was told of survives the stop", commit.getString(1), is("on"));
        }
        String email = "just-before-the-stop@example.com";
        HttpResponse<String> registered = post("/api/v1/users", Map.of("email", email, "password", PASSWORD,
                "name", "Ada Lovelace"));
        assertThat(registered.body(), registered.statusCode(), is(201));
        ProcessHandle postgres = postmaster().orElseThrow();

        // what pg_ctl stop -m immediate sends (pg_ctl itself refuses to run as root, as on a CI machine)
        new ProcessBuilder("kill", "-QUIT", Long.toString(postgres.pid())).inheritIO().start().waitFor();

        postgres.onExit().get(30, TimeUnit.SECONDS);
        awaitLine("PostgreSQL (pid " + postgres.pid() + ") exited: restarting it in 1 s", Duration.ofSeconds(10));
        awaitLine("PostgreSQL: running again", Duration.ofSeconds(60));
        assertThat(postmaster().orElseThrow().pid(), not(postgres.pid()));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpResponse<String> products = get("/api/v1/products?size=1");
        while (products.statusCode() != 200 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            products = get("/api/v1/products?size=1");
        }
        assertThat(products.body(), products.statusCode(), is(200));
        HttpResponse<String> login = post("/api/v1/auth/login", Map.of("email", email, "password", PASSWORD));
        assertThat(login.body(), login.statusCode(), is(200));
    }

    @Test
    @Order(12)
    void stoppingItAsCtrlCDoesLeavesNothingRunning() throws Exception {
        List<ProcessHandle> started = new ArrayList<>(devstack.descendants().toList());
        ProcessHandle postgres = postmaster().orElseThrow();
        started.add(postgres);
        assertThat(devstack.descendants().filter(p -> p.info().commandLine().orElse("").contains("-jar"))
                .count(), is((long) Topology.load().services().size()));

        devstack.destroy();

        assertThat(devstack.waitFor(60, TimeUnit.SECONDS), is(true));
        for (ProcessHandle process : started) {
            process.onExit().get(10, TimeUnit.SECONDS);
        }
        assertThat(started.stream().filter(ProcessHandle::isAlive).toList(), is(empty()));
        assertThat(Files.readString(log), containsString("PostgreSQL stopped"));
    }

    private static void awaitReady() throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            String output = Files.readString(log);
            if (output.contains("Ctrl-C stops everything")) {
                return;
            }
            if (!devstack.isAlive()) {
                throw new AssertionError("the devstack exited with code " + devstack.exitValue() + ":\n" + output);
            }
            Thread.sleep(250);
        }
        throw new AssertionError("the devstack was not ready after " + READY_TIMEOUT + ":\n" + Files.readString(log));
    }

    private static void awaitLine(String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.readString(log).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no line \"" + text + "\" after " + timeout + ":\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    /** The JVM the devstack runs {@code service} in now. */
    private static ProcessHandle serviceProcess(String service) {
        return devstack.descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("meshmall-" + service + ".jar"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + service + " process"));
    }

    /** The PostgreSQL server: pg_ctl detaches it, so it is not among the devstack's descendants. */
    private static Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(Files.readAllLines(pidFile).getFirst().trim()));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, Map<String, String> body) throws Exception {
        return HTTP.send(request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A request with the shopper's token, an optional Idempotency-Key and a JSON body (none when empty). */
    private static HttpResponse<String> send(String method, String path, String token, Optional<String> key,
                                             String json) throws Exception {
        HttpRequest.Builder request = request(path).header("Authorization", "Bearer " + token);
        key.ifPresent(k -> request.header("Idempotency-Key", k));
        if (json.isEmpty()) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + entryPort + path))
                .timeout(Duration.ofSeconds(30));
    }

    /**
     * An offset that puts the entry, PostgreSQL and every service port of {@code devstack.yaml} on ports free now
     * and below the kernel's ephemeral range: the services connect out (to PostgreSQL, to each other) while the
     * stack starts, and an outgoing connection may take any free port inside that range before its owner binds it.
     */
    private static int freePortOffset() {
        int ephemeralStart = Ports.ephemeralRangeStart();
        Topology table = Topology.load();
        for (int attempt = 0; attempt < 100; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(1_000, 20_000);
            List<NeededPort> ports = new ArrayList<>(List.of(
                    new NeededPort(Options.DEFAULT_ENTRY_PORT + offset, "entry"),
                    new NeededPort(POSTGRES_PORT + offset, "postgres")));
            table.shifted(offset).services().forEach(service -> {
                ports.add(new NeededPort(service.httpPort(), service.name() + " http"));
                ports.add(new NeededPort(service.grpcPort(), service.name() + " grpc"));
            });
            boolean belowEphemeral = ports.stream().allMatch(port -> port.port() < ephemeralStart);
            if (belowEphemeral && NeededPort.whyNotAll(ports).isEmpty()) {
                return offset;
            }
        }
        throw new IllegalStateException("no free ports below " + ephemeralStart + " for the devstack");
    }
}
