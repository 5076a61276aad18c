package dev.meshmall.platform;

import java.util.Optional;

import dev.meshmall.platform.grpc.GrpcClients;

import io.helidon.config.Config;
import io.helidon.dbclient.DbClient;

/** What the platform opened for a service before wiring it. */
public final class ServiceContext {
    private final String name;
    private final Config config;
    private final Optional<DbClient> db;
    private final GrpcClients clients;

    ServiceContext(String name, Config config, Optional<DbClient> db, GrpcClients clients) {
        this.name = name;
        this.config = config;
        this.db = db;
        this.clients = clients;
    }

    public String name() {
        return name;
    }

    /** The whole configuration; read changing values through {@code asX().supplier()} or {@code onChange}. */
    public Config config() {
        return config;
    }

    public DbClient db() {
        return db.orElseThrow(() -> new IllegalStateException(name + " declares no schema"));
    }

    /** Channels to the other services, forwarding the trace headers and the user's token. */
    public GrpcClients clients() {
        return clients;
    }
}
