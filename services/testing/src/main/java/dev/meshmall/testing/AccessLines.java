package dev.meshmall.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.meshmall.platform.http.Json;
import dev.meshmall.platform.log.JsonLogFormatter;
import dev.meshmall.platform.log.Logs;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The access lines of the services running in this JVM, formatted as they log them (so with the trace id and
 * user id their edges read from the request): how a test sees which calls a request made downstream. Listening
 * turns the access log on (services leave it off unless {@code log.access} is true) until closed. Listen after the
 * services started, since a start resets the loggers.
 */
public final class AccessLines implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AccessLogSwitch access = new AccessLogSwitch();
    private final List<JsonNode> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final JsonLogFormatter formatter = new JsonLogFormatter("test");

        @Override
        public void publish(LogRecord record) {
            if (!Logs.ACCESS_LOGGER.equals(record.getLoggerName())) {
                return;
            }
            try {
                JsonNode line = Json.MAPPER.readTree(formatter.format(record));
                synchronized (lines) {
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private AccessLines() {
        capture.setLevel(Level.ALL);
        access.on();
        Logger.getLogger("").addHandler(capture);
    }

    public static AccessLines listen() {
        return new AccessLines();
    }

    /**
     * The lines whose message starts with {@code prefix} ("grpc meshmall.product.v1.ProductService/") and whose
     * {@code field} ("trace_id", "request_id") is {@code value}.
     */
    public List<JsonNode> where(String prefix, String field, String value) {
        synchronized (lines) {
            return lines.stream()
                    .filter(line -> line.path("message").asText().startsWith(prefix))
                    .filter(line -> line.path(field).asText().equals(value))
                    .toList();
        }
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(capture);
        access.restore();
    }

    /** A new W3C trace: its id, and the {@code traceparent} header of a sampled first span in it. */
    public record Trace(String id, String traceparent) {
        public static Trace start() {
            String id = hex(16);
            return new Trace(id, "00-" + id + "-" + hex(8) + "-01");
        }

        private static String hex(int bytes) {
            byte[] random = new byte[bytes];
            RANDOM.nextBytes(random);
            return HexFormat.of().formatHex(random);
        }
    }
}
