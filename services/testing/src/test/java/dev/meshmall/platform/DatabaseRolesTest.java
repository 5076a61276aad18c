package dev.meshmall.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import dev.meshmall.platform.db.DatabaseRoles;
import dev.meshmall.testing.TestDatabase;
import dev.meshmall.testing.TestKeys;
import dev.meshmall.testing.TestServices;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The administrative step on a real PostgreSQL: each service's role owns its schema, and only that. */
class DatabaseRolesTest {

    @Test
    void aServiceConnectsAsItsOwnRoleWhichOwnsTheSchemaItsFlywayMade() {
        Map<String, String> database = TestDatabase.newDatabase();
        try (RunningService probe = TestServices.start(new ProbeApp(new TestKeys()), database)) {
            assertThat(TestDatabase.rows(database, "SELECT DISTINCT usename FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()"), is(List.of(List.of("meshmall_probe"))));
            assertThat(owners(database, "probe"), everyItem(is("meshmall_probe")));
            assertThat(TestDatabase.rows(database, "SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'probe'"),
                    is(List.of(List.of("meshmall_probe"))));
        }
    }

    @Test
    void aServicesRoleCanNeitherReadNorWriteNorCreateInAnotherServicesSchema() {
        Map<String, String> database = TestDatabase.newDatabase();
        Map<String, String> order = TestDatabase.asServiceRole(database, "order", "orders");
        Map<String, String> product = TestDatabase.asServiceRole(database, "product", "catalog");
        TestDatabase.rows(order, "CREATE SCHEMA orders");
        TestDatabase.rows(order, "CREATE TABLE orders.orders (id bigint PRIMARY KEY, total bigint NOT NULL)");
        TestDatabase.rows(order, "INSERT INTO orders.orders VALUES (1, 1999)");

        for (String trespass : List.of("SELECT * FROM orders.orders", "INSERT INTO orders.orders VALUES (2, 1)",
                "UPDATE orders.orders SET total = 0", "DELETE FROM orders.orders",
                "CREATE TABLE orders.planted (id int)", "CREATE TABLE public.planted (id int)")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> TestDatabase.rows(product, trespass), trespass);
            assertThat(trespass, refused.getMessage(), containsString("permission denied for schema"));
        }
        assertThat(TestDatabase.rows(order, "SELECT total FROM orders.orders"), is(List.of(List.of("1999"))));
        TestDatabase.rows(product, "CREATE SCHEMA catalog");
        TestDatabase.rows(product, "CREATE TABLE catalog.products (id bigint PRIMARY KEY)");
        assertThat(TestDatabase.rows(product, "INSERT INTO catalog.products VALUES (7)"), is(List.of(List.of("1"))));
        assertThrows(IllegalStateException.class, () -> TestDatabase.rows(order, "SELECT * FROM catalog.products"));
    }

    @Test
    void aSchemaOfTheSharedRoleIsHandedToTheServicesRoleWithWhatIsInItAndAgainChangesNothing() throws SQLException {
        Map<String, String> database = TestDatabase.newDatabase();
        TestDatabase.rows(database, "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'meshmall_shared')"
                + " THEN CREATE ROLE meshmall_shared LOGIN; END IF; END $$");
        TestDatabase.rows(database, "GRANT CREATE ON DATABASE " + databaseName(database) + " TO meshmall_shared");
        Map<String, String> shared = Map.of("db.connection.url", database.get("db.connection.url"),
                "db.connection.username", "meshmall_shared", "db.connection.password", "");
        for (String ddl : List.of("CREATE SCHEMA legacy",
                "CREATE TABLE legacy.notes (id bigserial PRIMARY KEY, body text)",
                "CREATE TABLE legacy.events (id bigint GENERATED ALWAYS AS IDENTITY, body text)",
                "CREATE SEQUENCE legacy.numbers",
                "CREATE VIEW legacy.bodies AS SELECT body FROM legacy.notes",
                "CREATE FUNCTION legacy.twice(n int) RETURNS int LANGUAGE sql AS 'SELECT 2 * n'",
                "INSERT INTO legacy.notes (body) VALUES ('kept')")) {
            TestDatabase.rows(shared, ddl);
        }

        List<DatabaseRoles.ServiceRole> legacy = List.of(new DatabaseRoles.ServiceRole("legacy", "legacy", "secret"));
        giveAsAdmin(database, legacy);
        giveAsAdmin(database, legacy);

        assertThat(owners(database, "legacy"), everyItem(is("meshmall_legacy")));
        Map<String, String> service = Map.of("db.connection.url", database.get("db.connection.url"),
                "db.connection.username", "meshmall_legacy", "db.connection.password", "secret");
        TestDatabase.rows(service, "INSERT INTO legacy.notes (body) VALUES ('new'), (CAST(legacy.twice(21) AS text))");
        TestDatabase.rows(service, "INSERT INTO legacy.events (body) VALUES (CAST(nextval('legacy.numbers') AS text))");
        assertThat(TestDatabase.rows(service, "SELECT body FROM legacy.bodies ORDER BY body"),
                is(List.of(List.of("42"), List.of("kept"), List.of("new"))));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> TestDatabase.rows(shared, "SELECT * FROM legacy.notes"));
        assertThat(refused.getMessage(), containsString("permission denied for schema legacy"));
    }

    @Test
    void noRoleForANameThatIsNotAServicesName() {
        assertThrows(IllegalArgumentException.class, () -> DatabaseRoles.role("order; DROP SCHEMA orders"));
        assertThrows(IllegalArgumentException.class, () -> DatabaseRoles.ServiceRole.of("inventory", "x"));
        assertThat(DatabaseRoles.role("order"), is("meshmall_order"));
        assertThat(DatabaseRoles.passwordVariable("order"), is("MESHMALL_ORDER_DB_PASSWORD"));
    }

    /** The owner of the schema and of every table, view, sequence and routine in it. */
    private static List<String> owners(Map<String, String> database, String schema) {
        return TestDatabase.rows(database, """
                SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = ?
                UNION ALL
                SELECT c.relowner::regrole::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'i')
                UNION ALL
                SELECT p.proowner::regrole::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = ?""", schema, schema, schema).stream().map(List::getFirst).toList();
    }

    private static String databaseName(Map<String, String> database) {
        return TestDatabase.rows(database, "SELECT current_database()").getFirst().getFirst();
    }

    private static void giveAsAdmin(Map<String, String> database, List<DatabaseRoles.ServiceRole> roles)
            throws SQLException {
        try (Connection admin = DriverManager.getConnection(database.get("db.connection.url"), TestDatabase.ADMIN,
                TestDatabase.ADMIN)) {
            DatabaseRoles.give(admin, roles);
        }
    }
}
