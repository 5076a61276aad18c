package dev.meshmall.testing;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.http1.Http1Client;

/** Calls a service's REST API as a client would: a bearer token, a JSON body, a query string in the path. */
public final class Rest {
    private Rest() {
    }

    public static Reply send(Http1Client client, Method method, String path, Optional<String> json,
                             Optional<String> token) {
        return send(client, method, path, json, token, Map.of());
    }

    public static Reply send(Http1Client client, Method method, String path, Optional<String> json,
                             Optional<String> token, Map<String, String> headers) {
        int query = path.indexOf('?');
        var request = client.method(method).uri(query < 0 ? path : path.substring(0, query));
        if (query >= 0) {
            for (String pair : path.substring(query + 1).split("&")) {
                String[] nameValue = pair.split("=", 2);
                request.queryParam(nameValue[0], URLDecoder.decode(nameValue.length > 1 ? nameValue[1] : "",
                        StandardCharsets.UTF_8));
            }
        }
        token.ifPresent(t -> request.header(HeaderNames.AUTHORIZATION, "Bearer " + t));
        headers.forEach((name, value) -> request.header(HeaderNames.create(name), value));
        try (HttpClientResponse res = json.isPresent()
                ? request.header(HeaderNames.CONTENT_TYPE, "application/json").submit(json.get())
                : request.request()) {
            Map<String, String> answered = new HashMap<>();
            res.headers().forEach(h -> answered.put(h.name().toLowerCase(), h.get()));
            String body = res.entity().hasEntity() ? res.as(String.class) : "";
            return new Reply(res.status().code(), answered, body);
        }
    }

    /**
     * The value of a meter on a service's {@code /observe/metrics}, as Prometheus scrapes it: the sum of the
     * series whose labels contain every one of {@code labels}; 0 when there is none.
     */
    public static double metric(Http1Client client, String name, String... labels) {
        Reply reply = send(client, Method.GET, "/observe/metrics", Optional.empty(), Optional.empty());
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{([^}]*)\\})? ([0-9.eE+-]+)$", Pattern.MULTILINE);
        Matcher m = line.matcher(reply.body());
        double sum = 0;
        while (m.find()) {
            String found = m.group(2) == null ? "" : m.group(2);
            if (Arrays.stream(labels).allMatch(found::contains)) {
                sum += Double.parseDouble(m.group(3));
            }
        }
        return sum;
    }
}
