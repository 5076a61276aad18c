package dev.meshmall.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The devstack's data directory ({@code .devstack}): PostgreSQL's files and log, and the services' config files
 * (which {@code --fresh} keeps: they hold the user's edits). One running devstack holds
 * it at a time, through a lock the operating system releases however the holder ends.
 */
final class DataDir implements AutoCloseable {
    private final Path root;
    private final FileLock lock;

    private DataDir(Path root, FileLock lock) {
        this.root = root;
        this.lock = lock;
    }

    static DataDir claim(Path root) {
        try {
            Files.createDirectories(root);
            FileChannel channel = FileChannel.open(root.resolve("devstack.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new StartFailure(root + " is used by another running devstack: stop it, or give this one"
                        + " its own --data-dir");
            }
            return new DataDir(root, lock);
        } catch (IOException e) {
            throw new StartFailure("cannot use " + root + " as the data directory: " + e.getMessage(), e);
        }
    }

    Path root() {
        return root;
    }

    Path postgres() {
        return root.resolve("postgres");
    }

    Path postgresLog() {
        return root.resolve("postgres.log");
    }

    Path config() {
        return root.resolve("config");
    }

    /**
     * The PostgreSQL a killed devstack left behind: it outlives its launcher by design (pg_ctl detaches it),
     * and would hold both the port and these files.
     */
    Optional<ProcessHandle> orphanedPostgres() {
        Path pidFile = postgres().resolve("postmaster.pid");
        try {
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            return lines.stream().findFirst()
                    .map(String::trim)
                    .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid)))
                    .filter(process -> process.info().command().orElse("").endsWith("postgres"));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    void wipe() {
        try {
            deleteTree(postgres());
            Files.deleteIfExists(postgresLog());
        } catch (IOException e) {
            throw new StartFailure("cannot wipe " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.channel().close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path tree) throws IOException {
        if (!Files.exists(tree)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
