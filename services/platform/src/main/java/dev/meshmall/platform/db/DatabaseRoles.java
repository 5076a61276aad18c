package dev.meshmall.platform.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The administrative step that gives each service a database role of its own, {@code meshmall_<service>}, which
 * owns the service's schema and nothing else: the role logs in with its password and may connect to the database
 * and create a schema in it (so its own Flyway makes and migrates the schema); it gets no grant on any other
 * schema, and nobody may create in {@code public}. A schema another role made (the one role the services all
 * shared before) is handed to the service's role with its tables, views, sequences and routines.
 *
 * <p>Only this step needs the superuser. It runs in the devstack at start ({@link #main} from a service's jar), in
 * the tests per database, and as {@code compose/postgres/roles.sql} (which holds {@link #FUNCTION} verbatim) in
 * compose's and the dev overlay's Postgres at their first start and by hand in production. It can run again: it
 * resets the passwords and changes nothing else that is already so.
 */
public final class DatabaseRoles {
    /** The shop's services and the schema each owns, as each one's {@code ServiceApp.schema()} says. */
    public static final Map<String, String> SCHEMAS = shopSchemas();

    /**
     * One call gives one service its role: {@code SELECT pg_temp.meshmall_service_role(role, password, schema)}.
     * A temporary function, so the step leaves nothing in the database but roles and grants, and the password
     * travels as a bound parameter (or a psql variable), never pasted into SQL.
     */
    public static final String FUNCTION = """
            CREATE OR REPLACE FUNCTION pg_temp.meshmall_service_role(member text, secret text, owned text)
            RETURNS void LANGUAGE plpgsql AS $$
            DECLARE
                object record;
            BEGIN
                IF EXISTS (SELECT FROM pg_roles WHERE rolname = member) THEN
                    EXECUTE format('ALTER ROLE %I LOGIN PASSWORD %L', member, secret);
                ELSE
                    EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', member, secret);
                END IF;
                EXECUTE format('GRANT CONNECT, CREATE ON DATABASE %I TO %I', current_database(), member);
                IF EXISTS (SELECT FROM pg_namespace WHERE nspname = 'public') THEN
                    REVOKE CREATE ON SCHEMA public FROM PUBLIC;
                END IF;
                IF EXISTS (SELECT FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner
                           WHERE n.nspname = owned AND r.rolname <> member) THEN
                    EXECUTE format('ALTER SCHEMA %I OWNER TO %I', owned, member);
                    FOR object IN
                        SELECT c.oid::regclass AS name, CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                               WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END AS kind
                        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE n.nspname = owned AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                          AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                                          AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
                    LOOP
                        EXECUTE format('ALTER %s %s OWNER TO %I', object.kind, object.name, member);
                    END LOOP;
                    FOR object IN
                        SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                        WHERE n.nspname = owned
                    LOOP
                        EXECUTE format('ALTER ROUTINE %s OWNER TO %I', object.name, member);
                    END LOOP;
                END IF;
            END
            $$""";

    private static final String GIVE_ROLE = "SELECT pg_temp.meshmall_service_role(?, ?, ?)";
    private static final String SERVICE_NAME = "[a-z][a-z0-9]*";

    private DatabaseRoles() {
    }

    /** The role {@code service} connects as: {@code meshmall_order}. */
    public static String role(String service) {
        if (!service.matches(SERVICE_NAME)) {
            throw new IllegalArgumentException("not a service name: " + service);
        }
        return "meshmall_" + service;
    }

    /** Where this step finds {@code service}'s password: {@code MESHMALL_ORDER_DB_PASSWORD}. */
    public static String passwordVariable(String service) {
        return "MESHMALL_" + service.toUpperCase(Locale.ROOT) + "_DB_PASSWORD";
    }

    /** A service's role as this step makes it: its name, the schema it owns, its password. */
    public record ServiceRole(String service, String schema, String password) {
        public ServiceRole {
            role(service);
        }

        /** One of the shop's services, owning the schema {@link #SCHEMAS} names for it. */
        public static ServiceRole of(String service, String password) {
            String schema = SCHEMAS.get(service);
            if (schema == null) {
                throw new IllegalArgumentException("not a service of the shop: " + service);
            }
            return new ServiceRole(service, schema, password);
        }

        @Override
        public String toString() {
            return role(service) + " owning " + schema;
        }
    }

    /** Gives each of {@code roles} its role, in the database {@code admin} (a superuser's connection) is connected to. */
    public static void give(Connection admin, List<ServiceRole> roles) throws SQLException {
        try (Statement function = admin.createStatement()) {
            function.execute(FUNCTION);
        }
        try (PreparedStatement give = admin.prepareStatement(GIVE_ROLE)) {
            for (ServiceRole role : roles) {
                give.setString(1, role(role.service()));
                give.setString(2, role.password());
                give.setString(3, role.schema());
                give.execute();
            }
        }
    }

    /**
     * {@code DatabaseRoles <jdbc-url> [service...]}: as the superuser {@code MESHMALL_DB_ADMIN_USER} (default
     * {@code postgres}, password {@code MESHMALL_DB_ADMIN_PASSWORD} if any), gives each service named (all the
     * shop's if none) its role in the database of the URL, with the password of its
     * {@link #passwordVariable(String)}.
     */
    public static void main(String[] args) {
        List<String> services = args.length > 1 ? List.of(args).subList(1, args.length) : List.copyOf(SCHEMAS.keySet());
        List<String> unknown = services.stream().filter(service -> !SCHEMAS.containsKey(service)).toList();
        if (args.length == 0 || !unknown.isEmpty()) {
            System.err.println("usage: DatabaseRoles <jdbc-url> [service...], services of " + SCHEMAS.keySet()
                    + ", each password in " + passwordVariable("<service>"));
            System.exit(2);
        }
        List<ServiceRole> roles = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String service : services) {
            Optional.ofNullable(System.getenv(passwordVariable(service))).filter(password -> !password.isEmpty())
                    .ifPresentOrElse(password -> roles.add(ServiceRole.of(service, password)),
                            () -> missing.add(passwordVariable(service)));
        }
        if (!missing.isEmpty()) {
            System.err.println("DatabaseRoles: set " + String.join(", ", missing));
            System.exit(2);
        }
        Properties admin = new Properties();
        admin.setProperty("user", Optional.ofNullable(System.getenv("MESHMALL_DB_ADMIN_USER")).orElse("postgres"));
        Optional.ofNullable(System.getenv("MESHMALL_DB_ADMIN_PASSWORD")).ifPresent(p -> admin.setProperty("password", p));
        try (Connection connection = DriverManager.getConnection(args[0], admin)) {
            give(connection, roles);
        } catch (SQLException e) {
            System.err.println("DatabaseRoles: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("DatabaseRoles: " + String.join(", ", roles.stream().map(ServiceRole::toString).toList()));
    }

    private static Map<String, String> shopSchemas() {
        Map<String, String> schemas = new LinkedHashMap<>();
        schemas.put("auth", "auth");
        schemas.put("user", "users");
        schemas.put("product", "catalog");
        schemas.put("cart", "cart");
        schemas.put("order", "orders");
        schemas.put("payment", "payments");
        schemas.put("checkout", "checkout");
        return Collections.unmodifiableMap(schemas);
    }
}
