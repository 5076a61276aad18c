package dev.meshmall.platform;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.grpc.Server;
import io.helidon.webserver.WebServer;

/** A started service: its two sockets, and a graceful stop. */
public final class RunningService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RunningService.class.getName());

    private final String name;
    private final WebServer http;
    private final Server grpc;
    private final List<AutoCloseable> resources;
    private volatile boolean stopped;

    RunningService(String name, WebServer http, Server grpc, List<AutoCloseable> resources) {
        this.name = name;
        this.http = http;
        this.grpc = grpc;
        this.resources = resources;
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return http.port();
    }

    public int grpcPort() {
        return grpc.getPort();
    }

    /** Stops taking requests, lets the ones in flight finish, then closes schedulers, clients and the pool. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        grpc.shutdown();
        http.stop();
        try {
            if (!grpc.awaitTermination(10, TimeUnit.SECONDS)) {
                grpc.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            grpc.shutdownNow();
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + resource + " failed", e);
            }
        }
        LOG.info(name + " stopped");
    }
}
