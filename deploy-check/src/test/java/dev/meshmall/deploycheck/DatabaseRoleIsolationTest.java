package dev.meshmall.deploycheck;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import dev.meshmall.auth.AuthApp;
import dev.meshmall.cart.CartApp;
import dev.meshmall.checkout.CheckoutApp;
import dev.meshmall.order.OrderApp;
import dev.meshmall.payment.PaymentApp;
import dev.meshmall.platform.ServiceApp;
import dev.meshmall.platform.db.Database;
import dev.meshmall.platform.db.DatabaseRoles;
import dev.meshmall.product.ProductApp;
import dev.meshmall.testing.TestDatabase;
import dev.meshmall.user.UserApp;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.meshmall.deploycheck.Repo.at;
import static dev.meshmall.deploycheck.Repo.list;
import static dev.meshmall.deploycheck.Repo.map;
import static dev.meshmall.deploycheck.Repo.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each service's own database role, everywhere the shop runs: on a real PostgreSQL each role owns its schema as
 * its own migrations made it and cannot touch another's; compose and both overlays hand each service its own role,
 * and their Postgres makes the roles with {@code compose/postgres/roles.sql}, the platform's step as psql runs it.
 */
class DatabaseRoleIsolationTest {
    private static final Path ROLES_SQL = Repo.ROOT.resolve("compose/postgres/roles.sql");
    private static final List<ServiceApp> APPS = List.of(new AuthApp(), new UserApp(), new ProductApp(), new CartApp(),
            new OrderApp(), new PaymentApp(), new CheckoutApp());

    @Test
    void theRolesKnowEachServicesSchemaAsTheServiceDeclaresIt() {
        Map<String, String> declared = new LinkedHashMap<>();
        APPS.forEach(app -> declared.put(app.name(), app.schema().orElseThrow()));
        assertEquals(declared, DatabaseRoles.SCHEMAS);
        assertEquals(Repo.services().stream().sorted().toList(), declared.keySet().stream().sorted().toList());
    }

    @Test
    void eachRoleOwnsWhatItsMigrationsMadeAndCanNeitherReadNorWriteAnotherServicesTables() {
        Map<String, String> database = TestDatabase.newDatabase();
        Map<String, Map<String, String>> asRole = new LinkedHashMap<>();
        Map<String, String> someTable = new LinkedHashMap<>();
        for (ServiceApp app : APPS) {
            String schema = app.schema().orElseThrow();
            Map<String, String> own = TestDatabase.asServiceRole(database, app.name(), schema);
            Database.migrate(Config.just(ConfigSources.create(Map.of(
                    "connection.url", own.get("db.connection.url"),
                    "connection.username", own.get("db.connection.username"),
                    "connection.password", own.get("db.connection.password")))), schema);
            asRole.put(app.name(), own);
            List<String> owners = TestDatabase.rows(database, "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = ?"
                    + " UNION ALL SELECT tableowner FROM pg_tables WHERE schemaname = ?", schema, schema)
                    .stream().map(List::getFirst).toList();
            assertTrue(owners.size() > 2, schema + ": " + owners);
            assertEquals(List.of(DatabaseRoles.role(app.name())), owners.stream().distinct().toList(), schema);
            someTable.put(app.name(), schema + "." + TestDatabase.rows(database,
                    "SELECT tablename FROM pg_tables WHERE schemaname = ? AND tablename <> 'flyway_schema_history'"
                            + " ORDER BY tablename LIMIT 1", schema).getFirst().getFirst());
        }
        int refused = 0;
        for (ServiceApp reader : APPS) {
            Map<String, String> role = asRole.get(reader.name());
            for (ServiceApp owner : APPS) {
                String table = someTable.get(owner.name());
                if (owner == reader) {
                    TestDatabase.rows(role, "SELECT count(*) FROM " + table);
                    continue;
                }
                String schema = owner.schema().orElseThrow();
                for (String trespass : List.of("SELECT * FROM " + table, "INSERT INTO " + table + " DEFAULT VALUES",
                        "DELETE FROM " + table, "CREATE TABLE " + schema + ".planted (id int)")) {
                    IllegalStateException denied = assertThrows(IllegalStateException.class,
                            () -> TestDatabase.rows(role, trespass), reader.name() + ": " + trespass);
                    assertTrue(denied.getMessage().contains("permission denied for schema " + schema),
                            reader.name() + ": " + trespass + ": " + denied.getMessage());
                    refused++;
                }
            }
            IllegalStateException denied = assertThrows(IllegalStateException.class,
                    () -> TestDatabase.rows(role, "CREATE TABLE public.planted (id int)"));
            assertTrue(denied.getMessage().contains("permission denied for schema public"), denied.getMessage());
        }
        assertEquals(7 * 6 * 4, refused);
    }

    @Test
    void composeConnectsEachServiceAsItsOwnRoleWhichItsPostgresMakesWithTheSamePassword() {
        Map<String, Object> postgres = map(at(ConfigurationTest.compose(), "services", "postgres"));
        Map<String, Object> postgresEnv = map(postgres.get("environment"));
        assertTrue(list(postgres.get("volumes")).contains("./postgres/roles.sql:/docker-entrypoint-initdb.d/roles.sql:ro"),
                "compose's Postgres runs roles.sql at its first start");
        for (String service : Repo.services()) {
            Map<String, String> env = ConfigurationTest.composeEnvironment(service);
            String variable = DatabaseRoles.passwordVariable(service);
            assertEquals(DatabaseRoles.role(service), env.get("DB_CONNECTION_USERNAME"), service);
            assertEquals("${" + variable + ":-" + DatabaseRoles.role(service) + "}", env.get("DB_CONNECTION_PASSWORD"),
                    service + ": its own password, defaulting to its application.yaml's");
            assertEquals(env.get("DB_CONNECTION_PASSWORD"), postgresEnv.get(variable), service + ": the role's password");
            assertEquals(DatabaseRoles.role(service), at(Repo.applicationYaml(service), "db", "connection", "username"));
        }
        assertEquals("postgres", postgresEnv.get("POSTGRES_USER"), "the superuser is no service's role");
    }

    @Test
    void rolesSqlHoldsThePlatformsStepVerbatimAndOneCallForEachService() {
        String script = Repo.read(ROLES_SQL);
        assertTrue(script.contains("\n" + DatabaseRoles.FUNCTION + ";\n"),
                "roles.sql holds DatabaseRoles.FUNCTION as it is: copy it again");
        for (String service : Repo.services()) {
            assertTrue(script.contains("\n\\getenv " + service + "_password " + DatabaseRoles.passwordVariable(service) + "\n"), service);
            assertTrue(script.contains("\nSELECT pg_temp.meshmall_service_role('" + DatabaseRoles.role(service) + "', :'"
                    + service + "_password', '" + DatabaseRoles.SCHEMAS.get(service) + "');\n"), service);
        }
    }

    @Test
    void psqlRunningRolesSqlMakesEachRoleWithThePasswordOfItsVariable() throws Exception {
        String psql = psql();
        String name = "roles_sql_" + ProcessHandle.current().pid();
        try (Connection admin = TestDatabase.server().getPostgresDatabase().getConnection();
             Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + name);
            sql.execute("CREATE DATABASE " + name);
        }
        List<String> command = new ArrayList<>(List.of("env"));
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String service : Repo.services()) {
            passwords.put(service, UUID.randomUUID() + "'\"$x");
            command.add(DatabaseRoles.passwordVariable(service) + "=" + passwords.get(service));
        }
        command.addAll(List.of(psql, "-X", "-h", "localhost", "-p", Integer.toString(TestDatabase.server().getPort()),
                "-U", TestDatabase.ADMIN, "-d", name, "-v", "ON_ERROR_STOP=1", "-f", ROLES_SQL.toString()));

        Tools.Result result = Tools.run(Repo.ROOT, null, command.toArray(String[]::new));

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("meshmall: each service has its database role"), result.output());
        Map<String, String> database = Map.of("db.connection.url",
                "jdbc:postgresql://localhost:" + TestDatabase.server().getPort() + "/" + name,
                "db.connection.username", TestDatabase.ADMIN, "db.connection.password", TestDatabase.ADMIN);
        for (String service : Repo.services()) {
            String role = DatabaseRoles.role(service);
            assertEquals(List.of(List.of("t", "t", "f")), TestDatabase.rows(database,
                    "SELECT has_database_privilege(?, current_database(), 'CONNECT'), has_database_privilege(?,"
                            + " current_database(), 'CREATE'), has_schema_privilege(?, 'public', 'CREATE')", role, role, role), role);
            String verifier = TestDatabase.rows(database, "SELECT rolpassword FROM pg_authid WHERE rolname = ?", role)
                    .getFirst().getFirst();
            assertTrue(scramMatches(verifier, passwords.get(service)), role + " has the password of its variable");
            assertFalse(scramMatches(verifier, DatabaseRoles.role(service)), role);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachDeploymentReadsTheSecretOfItsOwnRoleOnly(String overlay) {
        List<Map<String, Object>> docs = KustomizeTest.build(overlay);
        for (String service : Repo.services()) {
            Map<String, Object> pod = map(at(named(docs, "Deployment", service), "spec", "template", "spec"));
            List<Object> containers = new ArrayList<>(list(pod.get("containers")));
            containers.addAll(list(pod.get("initContainers")));
            for (Object container : containers) {
                for (String variable : List.of("DB_CONNECTION_URL", "DB_CONNECTION_USERNAME", "DB_CONNECTION_PASSWORD")) {
                    String secret = secretOf(container, variable);
                    assertTrue(isGenerated(secret, "postgres-credentials-" + service),
                            overlay + " " + service + " " + at(container, "name") + " " + variable + ": " + secret);
                }
            }
        }
    }

    @Test
    void devPostgresMakesEachRoleWithRolesSqlFromTheSecretItsServiceReads() {
        List<Map<String, Object>> docs = KustomizeTest.build("dev");
        Map<String, Object> postgres = named(docs, "StatefulSet", "postgres");
        Map<String, Object> pod = map(at(postgres, "spec", "template", "spec"));
        Map<String, Object> container = map(list(pod.get("containers")).getFirst());
        for (String service : Repo.services()) {
            String deploymentSecret = secretOf(list(at(named(docs, "Deployment", service), "spec", "template", "spec",
                    "containers")).getFirst(), "DB_CONNECTION_PASSWORD");
            assertEquals(deploymentSecret, secretOf(container, DatabaseRoles.passwordVariable(service)), service);
            Map<String, Object> secret = named(docs, "Secret", deploymentSecret);
            assertEquals(DatabaseRoles.role(service), decoded(secret, "username"), service);
        }
        String superuser = secretOf(container, "POSTGRES_USER");
        assertEquals("postgres", decoded(named(docs, "Secret", superuser), "username"));
        String volume = list(container.get("volumeMounts")).stream().map(Repo::map)
                .filter(m -> "/docker-entrypoint-initdb.d".equals(m.get("mountPath")))
                .map(m -> (String) m.get("name")).findFirst().orElseThrow(() -> new AssertionError("no init scripts"));
        String configMap = list(pod.get("volumes")).stream().map(Repo::map).filter(v -> volume.equals(v.get("name")))
                .map(v -> (String) at(v, "configMap", "name")).findFirst().orElseThrow();
        assertTrue(isGenerated(configMap, "postgres-init"), configMap);
        assertEquals(Repo.read(ROLES_SQL), at(named(docs, "ConfigMap", configMap), "data", "roles.sql"));
    }

    private static String secretOf(Object container, String variable) {
        return list(map(container).get("env")).stream().map(Repo::map).filter(e -> variable.equals(e.get("name")))
                .map(e -> (String) at(e, "valueFrom", "secretKeyRef", "name"))
                .findFirst().orElseThrow(() -> new AssertionError("no " + variable + " in " + at(container, "name")));
    }

    /** {@code name} as written, or with the hash suffix a kustomize generator adds. */
    private static boolean isGenerated(String actual, String name) {
        return Pattern.matches(Pattern.quote(name) + "(-[a-z0-9]{10})?", actual);
    }

    private static String decoded(Map<String, Object> secret, String key) {
        return new String(Base64.getDecoder().decode((String) at(secret, "data", key)), StandardCharsets.UTF_8);
    }

    /** Whether PostgreSQL's SCRAM-SHA-256 verifier ({@code SCRAM-SHA-256$i:salt$StoredKey:ServerKey}) is {@code password}'s. */
    private static boolean scramMatches(String verifier, String password) throws GeneralSecurityException {
        String[] parts = verifier.split("[$:]");
        assertEquals("SCRAM-SHA-256", parts[0], verifier);
        int iterations = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(salted, "HmacSHA256"));
        byte[] clientKey = hmac.doFinal("Client Key".getBytes(StandardCharsets.US_ASCII));
        byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(clientKey);
        return MessageDigest.isEqual(storedKey, Base64.getDecoder().decode(parts[3]));
    }

    /** psql 15 or later (it reads the passwords with \getenv), as compose's and the dev overlay's Postgres have it. */
    private static String psql() {
        String message = "psql 15 or later is not on the PATH: install PostgreSQL's client to run this check";
        String found = Tools.onPath("psql").filter(psql -> {
            String version = Tools.run(Repo.ROOT, null, psql, "--version").output().replaceAll("^\\D*(\\d+).*\\s*$", "$1");
            return version.matches("\\d+") && Integer.parseInt(version) >= 15;
        }).orElse(null);
        if (found != null) {
            return found;
        }
        if (Boolean.parseBoolean(System.getenv("MESHMALL_REQUIRE_TOOLS"))) {
            throw new AssertionError(message);
        }
        return Assumptions.abort(message);
    }
}
