package dev.meshmall.platform;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.webserver.WebServer;

/** A started service: its two sockets, and a graceful stop. */
public final class RunningService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RunningService.class.getName());

    private final String name;
    private final WebServer server;
    private final List<AutoCloseable> resources;
    private volatile boolean stopped;

    RunningService(String name, WebServer server, List<AutoCloseable> resources) {
        this.name = name;
        this.server = server;
        this.resources = resources;
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return server.port();
    }

    public int grpcPort() {
        return server.port(ServiceLauncher.GRPC_SOCKET);
    }

    /** Stops taking requests, lets the ones in flight finish, then closes schedulers, clients and the pool. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        server.stop();
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
