package dev.meshmall.platform.log;

import java.io.PrintStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.helidon.config.Config;

/**
 * Sends every log record to standard output as JSON lines, and applies {@code log.level} and {@code log.access}
 * now and whenever the configuration changes. The access log (a line per REST request and gRPC call) is off
 * unless {@code log.access} is true: under the mesh, each sidecar's Envoy writes one for every request, and a
 * second line per hop from the service cost it more CPU than serving a product read (issue 13).
 */
public final class Logs {
    public static final String ACCESS_LOGGER = "meshmall.access";
    // held: java.util.logging keeps only a weak reference, and a collected logger forgets its level
    private static final Logger ACCESS = Logger.getLogger(ACCESS_LOGGER);

    private Logs() {
    }

    public static void setUp(String service, Config config) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.addHandler(new StdoutHandler(System.out, new JsonLogFormatter(service)));
        apply(config.get("log"));
        config.get("log").onChange(Logs::apply);
    }

    private static void apply(Config log) {
        Logger.getLogger("").setLevel(level(log.get("level").asString().orElse("INFO")));
        ACCESS.setLevel(log.get("access").asBoolean().orElse(false) ? Level.INFO : Level.OFF);
    }

    private static Level level(String name) {
        return switch (name.toUpperCase()) {
            case "TRACE", "FINEST" -> Level.FINEST;
            case "DEBUG", "FINE" -> Level.FINE;
            case "WARN", "WARNING" -> Level.WARNING;
            case "ERROR", "SEVERE" -> Level.SEVERE;
            case "OFF" -> Level.OFF;
            default -> Level.INFO;
        };
    }

    private static final class StdoutHandler extends Handler {
        private final PrintStream out;

        StdoutHandler(PrintStream out, java.util.logging.Formatter formatter) {
            this.out = out;
            setFormatter(formatter);
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                out.print(getFormatter().format(record));
                out.flush();
            }
        }

        @Override
        public void flush() {
            out.flush();
        }

        @Override
        public void close() {
            out.flush();
        }
    }
}
