package dev.meshmall.product;

import java.util.List;

import dev.meshmall.platform.http.Json;
import dev.meshmall.testing.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/** Whatever a merchant sends, a bad product is a problem document naming the field, and changes nothing. */
class BadInputTest {
    private static ProductStack stack;
    private static String existing;
    private static JsonNode original;

    @BeforeAll
    static void start() {
        stack = ProductStack.start();
        original = stack.create("Steady Product", "Stays as it is.", 1500, 10, "steady");
        existing = "/api/v1/products/" + original.get("id").asText();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void invalidFieldsAre422AndNameTheField() {
        List<String> before = stack.everyStoredRow();
        invalid(with(b -> b.put("name", "")), "name");
        invalid(with(b -> b.put("name", "   ")), "name");
        invalid(with(b -> b.remove("name")), "name");
        invalid(with(b -> b.put("name", "x".repeat(201))), "name");
        invalid(with(b -> b.put("name", "Bell\u0007")), "name");
        invalid(with(b -> b.put("description", "d".repeat(5001))), "description");
        invalid(with(b -> b.put("picture_url", "ftp://example.com/p.png")), "picture_url");
        invalid(with(b -> b.put("picture_url", "javascript:alert(1)")), "picture_url");
        invalid(with(b -> b.put("picture_url", "/relative/p.png")), "picture_url");
        invalid(with(b -> b.put("picture_url", "https://example.com/" + "p".repeat(2000))), "picture_url");
        invalid(with(b -> b.remove("price")), "price");
        invalid(with(b -> ((ObjectNode) b.get("price")).remove("amount")), "price.amount");
        invalid(with(b -> ((ObjectNode) b.get("price")).put("amount", -1)), "price.amount");
        invalid(with(b -> ((ObjectNode) b.get("price")).put("amount", 100_000_001)), "price.amount");
        invalid(with(b -> ((ObjectNode) b.get("price")).put("amount", 19.99)), "price.amount");
        invalid(with(b -> ((ObjectNode) b.get("price")).put("currency", "usd")), "price.currency");
        invalid(with(b -> ((ObjectNode) b.get("price")).put("currency", "US")), "price.currency");
        invalid(with(b -> ((ObjectNode) b.get("price")).remove("currency")), "price.currency");
        invalid(with(b -> b.put("stock", -1)), "stock");
        invalid(with(b -> b.put("stock", 1_000_001)), "stock");
        invalid(with(b -> b.put("stock", 99999999999L)), "stock");
        invalid(with(b -> b.put("stock", "12")), "stock");
        invalid(with(b -> b.put("stock", 1.5)), "stock");
        invalid(with(b -> ((ObjectNode) b.get("price")).put("amount", "1999")), "price.amount");
        invalid(with(b -> ((ObjectNode) b.get("price")).put("amount", new java.math.BigInteger("99999999999999999999"))),
                "price.amount");
        invalid(with(b -> categories(b, "good", "Not A Slug")), "categories");
        invalid(with(b -> categories(b, "-leading")), "categories");
        invalid(with(b -> categories(b, "x".repeat(51))), "categories");
        invalid(with(b -> categories(b, "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "c11")),
                "categories");
        invalid(with(b -> b.putArray("categories").addNull()), "categories");
        invalid(with(b -> b.put("categories", "books")), "categories");
        invalid(with(b -> b.put("id", "00000000-0000-0000-0000-000000000001")), "id");
        invalid(with(b -> b.put("deleted_at", "2020-01-01T00:00:00Z")), "deleted_at");
        assertThat(stack.everyStoredRow(), is(before));
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        Reply reply = stack.post("/api/v1/products", with(b -> {
            b.put("name", "n".repeat(200));
            b.put("description", "line one\nline two\ttabbed\n" + "d".repeat(4970));
            ((ObjectNode) b.get("price")).put("amount", 100_000_000).put("currency", "JPY");
            b.put("stock", 1_000_000);
            categories(b, "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9", "c10", "C10", " c1 ");
        }), stack.merchant);

        assertThat(reply.toString(), reply.status(), is(201));
        assertThat(reply.json().get("categories").size(), is(10));
        assertThat(reply.json().get("description").asText(), startsWith("line one\nline two\ttabbed"));
    }

    @Test
    void malformedBodiesAre400() {
        List<String> before = stack.everyStoredRow();
        for (String body : List.of("{", "not json", "[]", "{\"name\":\"x\",}", "")) {
            Reply create = stack.post("/api/v1/products", body, stack.merchant);
            assertThat(body, create.status(), is(400));
            problem(create);
            assertThat(body, stack.put(existing, body, stack.merchant).status(), is(400));
        }
        assertThat(stack.everyStoredRow(), is(before));
    }

    @Test
    void oversizedBodiesAre413() {
        List<String> before = stack.everyStoredRow();
        String huge = with(b -> b.put("description", "x".repeat(70_000)));
        assertThat(stack.post("/api/v1/products", huge, stack.merchant).status(), is(413));
        assertThat(stack.put(existing, huge, stack.merchant).status(), is(413));
        assertThat(stack.everyStoredRow(), is(before));
    }

    @Test
    void aRefusedReplacementLeavesTheProductAsItWas() {
        for (String body : List.of(with(b -> b.put("name", "")), with(b -> b.put("stock", -5)),
                with(b -> ((ObjectNode) b.get("price")).put("currency", "dollars")),
                with(b -> categories(b, "fine", "NOT FINE!")))) {
            Reply reply = stack.put(existing, body, stack.merchant);
            assertThat(body, reply.status(), is(422));
        }
        assertThat(stack.get(existing).json(), is(original));
    }

    private static void invalid(String body, String field) {
        Reply create = stack.post("/api/v1/products", body, stack.merchant);
        assertThat(body.length() > 300 ? field : body, create.status(), is(422));
        assertThat(body.length() > 300 ? field : body, create.field(), is(field));
        problem(create);
        Reply replace = stack.put(existing, body, stack.merchant);
        assertThat(field, replace.status(), is(422));
        assertThat(field, replace.field(), is(field));
    }

    private static void problem(Reply reply) {
        assertThat(reply.headers().get("content-type"), startsWith("application/problem+json"));
        assertThat(reply.json().get("status").asInt(), is(reply.status()));
    }

    private static void categories(ObjectNode body, String... slugs) {
        ArrayNode list = body.putArray("categories");
        for (String slug : slugs) {
            list.add(slug);
        }
    }

    /** A valid product body, changed by {@code change}. */
    private static String with(java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode body = (ObjectNode) Json.MAPPER.readTree(ProductStack.product("Valid Name", "Fine.", 100, 1,
                    "fine"));
            change.accept(body);
            return body.toString();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
