package dev.meshmall.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The services' own mTLS on their gRPC ports, as compose's init step makes it: a local CA kept in the data folder
 * ({@code certs/}) and, at every start, one certificate per service and one for the developer at the keyboard
 * (a workload identity that proves nothing but being here: with a user's token it reaches what a user may).
 * The platform's {@code LocalCa} makes them, run from a service's jar.
 */
final class Certificates {
    static final String DEVELOPER = "developer";

    private final Path folder;

    private Certificates(Path folder) {
        this.folder = folder;
    }

    static Certificates issue(Path folder, Path serviceJar, List<String> workloads) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", serviceJar.toString(), "dev.meshmall.platform.identity.LocalCa", folder.toString()));
        command.addAll(workloads);
        command.add(DEVELOPER);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new StartFailure("cannot make the services' certificates in " + folder + ": " + output.strip());
            }
        } catch (IOException e) {
            throw new StartFailure("cannot make the services' certificates: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartFailure("interrupted while making the services' certificates", e);
        }
        return new Certificates(folder);
    }

    Path ca() {
        return folder.resolve("ca.pem");
    }

    Path certificate(String workload) {
        return folder.resolve(workload + ".pem");
    }

    Path key(String workload) {
        return folder.resolve(workload + ".key");
    }
}
