package dev.meshmall.load.driver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shop's REST API as the benchmark calls it: the JDK's HTTP/1.1 client, connections kept alive, and each
 * answer checked by its status and at most one field found by a pattern (no JSON library: the driver must cost
 * far less per request than what it measures).
 */
final class Shop {
    static final String PASSWORD = "bench-password-1";
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final String CHECKOUT_BODY = """
            {"address":{"name":"Bench Shopper","street_address":"12 St James Square","city":"London",\
            "country":"GB","zip_code":"SW1Y 4JH"},\
            "card":{"number":"4242424242424242","exp_month":12,"exp_year":2031,"cvv":"123",\
            "holder_name":"Bench Shopper"},"email":"%s"}""";

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String base;

    Shop(String base) {
        this.base = base;
    }

    /** Why a call did not succeed: its status, or the exception's class. */
    static final class Failure extends Exception {
        final String reason;

        Failure(String reason) {
            super(reason, null, false, false);
            this.reason = reason;
        }
    }

    record Account(String email, String token) {
    }

    static String email(String prefix, long i) {
        return prefix + "-" + i + "@bench.meshmall.local";
    }

    void signUp(String email) throws Failure {
        expect(201, post("/api/v1/users", null, null,
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"name\":\"Bench Shopper\"}"));
    }

    Account logIn(String email) throws Failure {
        String body = expect(200, post("/api/v1/auth/login", null, null,
                "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"));
        return new Account(email, field(ACCESS_TOKEN, body, "access_token"));
    }

    void addToCart(Account account, String productId) throws Failure {
        expect(200, post("/api/v1/cart/items", account.token(), null,
                "{\"product_id\":\"" + productId + "\",\"quantity\":1}"));
    }

    /** Checks the cart out with a good card under a new idempotency key; succeeds only when the order is PAID. */
    void checkOut(Account account) throws Failure {
        String body = expect(201, post("/api/v1/checkout", account.token(), UUID.randomUUID().toString(),
                CHECKOUT_BODY.formatted(account.email())));
        String status = field(STATUS, body, "status");
        if (!status.equals("PAID")) {
            throw new Failure("201 " + status);
        }
    }

    private HttpResponse<String> post(String path, String token, String idempotencyKey, String json)
            throws Failure {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Failure {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new Failure(e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted");
        }
    }

    private static String expect(int status, HttpResponse<String> response) throws Failure {
        if (response.statusCode() != status) {
            throw new Failure(String.valueOf(response.statusCode()));
        }
        return response.body();
    }

    private static String field(Pattern pattern, String body, String name) throws Failure {
        Matcher matcher = pattern.matcher(body);
        if (!matcher.find()) {
            throw new Failure("no " + name);
        }
        return matcher.group(1);
    }
}
