package dev.meshmall.platform.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.helidon.config.Config;
import io.helidon.dbclient.DbClientException;
import io.helidon.dbclient.jdbc.CloseableJdbcConnectionPool;
import io.helidon.dbclient.jdbc.JdbcConnectionPool;
import io.helidon.dbclient.jdbc.spi.JdbcConnectionPoolProvider;

/**
 * HikariCP as DbClient's connection pool. Helidon 4.5 has no pool of its own and no Hikari module: dbclient-jdbc
 * takes the first {@link JdbcConnectionPoolProvider} on the class path, and this is the one we register. It reads
 * {@code db.connection}: {@code url}, {@code username}, {@code password}, and any other key as a HikariCP
 * property ({@code maximumPoolSize: 10}).
 */
public final class HikariPool implements CloseableJdbcConnectionPool {
    private static final Set<String> OWN_KEYS = Set.of("url", "username", "password");

    private final HikariDataSource dataSource;

    private HikariPool(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    static HikariPool create(Config connection, String name) {
        Properties properties = new Properties();
        connection.asNodeList().orElseGet(List::of).stream()
                .filter(node -> !OWN_KEYS.contains(node.name()))
                .forEach(node -> node.asString().ifPresent(value -> properties.setProperty(node.name(), value)));
        HikariConfig hikari = new HikariConfig(properties);
        hikari.setJdbcUrl(connection.get("url").asString()
                .orElseThrow(() -> new DbClientException("db.connection.url is not configured")));
        connection.get("username").asString().ifPresent(hikari::setUsername);
        connection.get("password").asString().ifPresent(hikari::setPassword);
        if (hikari.getPoolName() == null) {
            hikari.setPoolName(name);
        }
        return new HikariPool(new HikariDataSource(hikari));
    }

    @Override
    public Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new DbClientException("no database connection from pool " + dataSource.getPoolName(), e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /** Registered in {@code META-INF/services}, where dbclient-jdbc looks for a pool. */
    public static final class Provider implements JdbcConnectionPoolProvider {
        @Override
        public String configKey() {
            return "hikari";
        }

        @Override
        public JdbcConnectionPool create(Config config, String name) {
            return HikariPool.create(config, name);
        }
    }
}
