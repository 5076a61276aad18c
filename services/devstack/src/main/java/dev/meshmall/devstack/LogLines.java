package dev.meshmall.devstack;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns the services' JSON log records ({@code {"time":..,"level":..,"message":..,"user_id":..}}) into
 * {@code 12:04:31 INFO    message [user=..]}, so the devstack reads like a terminal rather than a log shipper.
 */
final class LogLines {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private LogLines() {
    }

    static String readable(String line) {
        if (!line.startsWith("{")) {
            return line;
        }
        JsonNode record;
        try {
            record = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            return line;
        }
        if (!record.isObject() || !record.hasNonNull("level") || !record.hasNonNull("message")) {
            return line;
        }
        StringBuilder text = new StringBuilder()
                .append(time(record.path("time").asText())).append(' ')
                .append("%-7s".formatted(record.get("level").asText())).append(' ')
                .append(record.get("message").asText());
        String user = record.path("user_id").asText();
        if (!user.isEmpty()) {
            text.append(" [user=").append(user).append(']');
        }
        String exception = record.path("exception").asText();
        if (!exception.isEmpty()) {
            text.append(" — ").append(exception.lines().findFirst().orElse(""));
        }
        return text.toString();
    }

    private static String time(String iso) {
        try {
            return TIME.format(Instant.parse(iso));
        } catch (DateTimeException e) {
            return iso;
        }
    }
}
