package dev.meshmall.testing;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import dev.meshmall.platform.http.Json;

import com.fasterxml.jackson.databind.JsonNode;

/** An HTTP answer as a test reads it: the status, the headers (names in lower case) and the body. */
public record Reply(int status, Map<String, String> headers, String body) {
    public Reply {
        headers = Map.copyOf(headers);
    }

    public JsonNode json() {
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    /** The {@code code} of a problem+json body. */
    public String code() {
        return json().path("code").asText();
    }

    /** The {@code field} a problem+json body names. */
    public String field() {
        return json().path("field").asText();
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase()));
    }

    public String contentType() {
        return header("content-type").orElse("");
    }

    /** This reply, when its status is one of {@code statuses}; a failed test setup otherwise. */
    public Reply expect(int... statuses) {
        if (Arrays.stream(statuses).noneMatch(status -> status == this.status)) {
            throw new AssertionError("expected " + Arrays.toString(statuses) + " but got " + this);
        }
        return this;
    }
}
