package dev.meshmall.user;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.meshmall.platform.http.Json;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading and re-assembling compact JWTs, to forge them. */
final class Jwts {
    private Jwts() {
    }

    static JsonNode header(String jwt) {
        return read(decode(jwt.split("\\.")[0]));
    }

    static JsonNode payload(String jwt) {
        return read(decode(jwt.split("\\.")[1]));
    }

    static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static JsonNode read(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }
}
