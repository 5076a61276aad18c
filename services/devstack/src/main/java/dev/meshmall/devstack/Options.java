package dev.meshmall.devstack;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The command line of {@code ./devstack}; {@link #usage} documents it. */
record Options(int entryPort, int postgresPort, Path dataDir, boolean fresh, int servicePortOffset) {
    static final String PORT_VARIABLE = "MESHMALL_PORT";
    static final int DEFAULT_ENTRY_PORT = 8080;
    static final int DEFAULT_POSTGRES_PORT = 54329;

    static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    /** Throws {@link IllegalArgumentException} with a message for the user on a wrong command line. */
    static Options parse(List<String> args, Map<String, String> env, Path repositoryRoot) {
        int entryPort = Optional.ofNullable(env.get(PORT_VARIABLE))
                .map(value -> number(PORT_VARIABLE, value))
                .orElse(DEFAULT_ENTRY_PORT);
        int postgresPort = DEFAULT_POSTGRES_PORT;
        Path dataDir = repositoryRoot.resolve(".devstack");
        boolean fresh = false;
        int offset = 0;
        Iterator<String> words = args.iterator();
        while (words.hasNext()) {
            String word = words.next();
            String option = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
            Optional<String> inline = word.contains("=")
                    ? Optional.of(word.substring(word.indexOf('=') + 1))
                    : Optional.empty();
            switch (option) {
                case "--port" -> entryPort = number(option, value(option, inline, words));
                case "--postgres-port" -> postgresPort = number(option, value(option, inline, words));
                case "--data-dir" -> dataDir = Path.of(value(option, inline, words));
                case "--service-port-offset" -> offset = number(option, value(option, inline, words));
                case "--fresh" -> fresh = true;
                default -> throw new IllegalArgumentException("unknown option " + word);
            }
        }
        return new Options(entryPort, postgresPort, dataDir.toAbsolutePath().normalize(), fresh, offset);
    }

    static String usage(Topology topology) {
        String services = topology.services().stream()
                .map(service -> service.name() + " " + service.httpPort() + "/" + service.grpcPort())
                .collect(Collectors.joining(", "));
        return """
                usage: ./devstack [options]

                Builds meshmall, then runs it on this machine: an embedded PostgreSQL, every service as its own
                JVM, and one entry port that routes the REST API as the mesh ingress does. A service that dies is
                restarted (after 1 s, doubling to 30 s), and so is PostgreSQL. Ctrl-C stops everything.

                options:
                  --port N                 the entry port (default %d, or $%s)
                  --postgres-port N        the PostgreSQL port (default %d)
                  --data-dir DIR           where PostgreSQL keeps its data between runs, and DIR/config the
                                           services' config files, applied live (default .devstack in the
                                           repository)
                  --fresh                  wipe the database first (the config files are kept)
                  --service-port-offset N  add N to every service port, to run a second stack beside the first
                                           (services, http/grpc: %s)
                  -h, --help               this text

                environment:
                  MESHMALL_ADMIN_EMAIL, MESHMALL_ADMIN_PASSWORD  the bootstrap admin (default %s / %s)
                  NO_COLOR                                       no colours
                """.formatted(DEFAULT_ENTRY_PORT, PORT_VARIABLE, DEFAULT_POSTGRES_PORT, services,
                AdminAccount.DEFAULT_EMAIL, AdminAccount.DEFAULT_PASSWORD);
    }

    private static String value(String option, Optional<String> inline, Iterator<String> words) {
        if (inline.isPresent()) {
            return inline.get();
        }
        if (!words.hasNext()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return words.next();
    }

    private static int number(String option, String value) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number < 0) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not " + value);
        }
    }
}
