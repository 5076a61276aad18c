package dev.meshmall.devstack;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Keeps one service running, as compose's {@code restart: unless-stopped} and Kubernetes do: once the service
 * has been healthy, a process that exits for any reason but the devstack's stop is started again after a
 * {@link RestartDelay}, with the same environment and so on the same ports, where the entry port finds it. One
 * line says why and when it restarts, another when it is healthy again.
 */
final class Supervisor {
    private final ServiceSpec spec;
    private final Supplier<ServiceProcess> launcher;
    private final Console console;
    private final Duration healthTimeout;
    private final RestartDelay delay = new RestartDelay();
    private final AtomicInteger restarts = new AtomicInteger();
    private ServiceProcess process;
    private boolean stopped;

    /** {@code launcher} starts the service's process, the same way each time. */
    Supervisor(ServiceSpec spec, Supplier<ServiceProcess> launcher, Console console, Duration healthTimeout) {
        this.spec = spec;
        this.launcher = launcher;
        this.console = console;
        this.healthTimeout = healthTimeout;
    }

    ServiceSpec spec() {
        return spec;
    }

    /** Starts the service and returns once it is healthy, or throws {@link StartFailure}; supervises it from then on. */
    void start() {
        ServiceProcess first = launch();
        first.awaitHealthy(healthTimeout);
        delay.healthy(Instant.now());
        first.whenExited(code -> restartLater(spec.name() + " exited with code " + code));
    }

    /** Restarts nothing from now on, and answers the process running now, for the devstack to stop. */
    synchronized Optional<ProcessHandle> stop() {
        stopped = true;
        return Optional.ofNullable(process).map(ServiceProcess::handle);
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    /** Under the lock {@link #stop} takes, so that no process starts after the devstack collected them to stop. */
    private synchronized ServiceProcess launch() {
        if (stopped) {
            throw new StartFailure("stopped");
        }
        process = launcher.get();
        return process;
    }

    private void restartLater(String why) {
        if (isStopped()) {
            return;
        }
        Duration wait = delay.exited(Instant.now());
        int restart = restarts.incrementAndGet();
        console.devstack(why + ": restarting it in " + wait.toSeconds() + " s (restart " + restart + "); its routes"
                + " answer 502 until it is healthy again");
        Thread.ofVirtual().name(spec.name() + "-restart").start(() -> restart(wait, restart));
    }

    private void restart(Duration wait, int restart) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            return;
        }
        long began = System.nanoTime();
        ServiceProcess next;
        try {
            next = launch();
        } catch (StartFailure e) {
            restartLater(e.getMessage());
            return;
        }
        next.whenExited(code -> restartLater(spec.name() + " exited with code " + code));
        try {
            next.awaitHealthy(healthTimeout);
        } catch (StartFailure e) {
            // an exit is restarted by the line above; a process that hangs is ended so that it is restarted too
            if (next.isAlive() && !isStopped()) {
                console.devstack(e.getMessage() + ": killing it");
                next.handle().destroyForcibly();
            }
            return;
        }
        delay.healthy(Instant.now());
        console.devstack("%s: healthy again in %.1f s (restart %d, pid %d)".formatted(spec.name(),
                (System.nanoTime() - began) / 1e9, restart, next.handle().pid()));
    }
}
