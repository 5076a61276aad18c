package dev.meshmall.platform.db;

import io.helidon.config.Config;
import io.helidon.dbclient.DbClient;

import org.flywaydb.core.Flyway;

/**
 * The service's own schema in the shared Postgres: migrated by Flyway from {@code db/migration/<schema>} on
 * the class path, then reached through Helidon DbClient (HikariCP underneath) with the named statements of
 * {@code db.statements}. Statements name their tables with the schema ({@code users.accounts}), so a service
 * visibly touches only its own; it connects as its own role ({@link DatabaseRoles}), which owns that schema and
 * has no grant on any other, so it cannot touch another either.
 */
public final class Database {
    private Database() {
    }

    /** Applies the pending migrations of {@code schema}, creating it on first use. */
    public static void migrate(Config db, String schema) {
        Flyway.configure()
                .dataSource(db.get("connection.url").asString().get(),
                        db.get("connection.username").asString().orElse(null),
                        db.get("connection.password").asString().orElse(null))
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations("classpath:db/migration/" + schema)
                .load()
                .migrate();
    }

    public static DbClient connect(Config db) {
        return DbClient.create(db);
    }
}
