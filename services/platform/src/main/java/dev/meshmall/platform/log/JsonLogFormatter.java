package dev.meshmall.platform.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

import dev.meshmall.platform.identity.Caller;
import dev.meshmall.platform.scope.RequestScope;

/**
 * One JSON object per line: time, level, service, logger, message, and, inside a request, its request id,
 * trace id and user id.
 */
public final class JsonLogFormatter extends Formatter {
    private final String service;

    public JsonLogFormatter(String service) {
        this.service = service;
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "time", Instant.ofEpochMilli(record.getMillis()).toString());
        field(json, "level", record.getLevel().getName());
        field(json, "service", service);
        field(json, "logger", record.getLoggerName());
        field(json, "message", formatMessage(record));
        RequestScope.current().ifPresent(scope -> {
            field(json, "request_id", scope.requestId());
            scope.traceId().ifPresent(id -> field(json, "trace_id", id));
            scope.caller().map(Caller::userId).ifPresent(id -> field(json, "user_id", id));
        });
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            field(json, "exception", trace.toString());
        }
        json.setLength(json.length() - 1);
        return json.append("}\n").toString();
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\":");
        quote(json, value == null ? "" : value);
        json.append(',');
    }

    static void quote(StringBuilder json, String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
