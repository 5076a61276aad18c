package dev.meshmall.product;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.meshmall.testing.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

/** The catalog over REST: anyone browses, merchants and admins manage it. */
class CatalogTest {
    private static ProductStack stack;

    @BeforeAll
    static void start() {
        stack = ProductStack.start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aMerchantCreatesAProductThatAnyoneCanRead() {
        Reply created = stack.post("/api/v1/products", ProductStack.product("Walnut Desk Lamp",
                "A warm light for late reading.", 4999, 25, "Home-Garden", "lighting"), stack.merchant);

        assertThat(created.toString(), created.status(), is(201));
        JsonNode product = created.json();
        String id = product.get("id").asText();
        assertThat(created.header("location").orElseThrow(), endsWith("/api/v1/products/" + id));
        assertThat(product.get("name").asText(), is("Walnut Desk Lamp"));
        assertThat(product.get("price").get("amount").asLong(), is(4999L));
        assertThat(product.get("price").get("currency").asText(), is("USD"));
        assertThat(product.get("categories").toString(), is("[\"home-garden\",\"lighting\"]"));
        assertThat(product.get("stock").asInt(), is(25));
        assertThat(product.get("picture_url").asText(), startsWith("https://picsum.photos/seed/"));

        Reply read = stack.get(created.header("location").orElseThrow());
        assertThat(read.status(), is(200));
        assertThat(read.json(), is(product));
    }

    @Test
    void anAdminManagesTheCatalogToo() {
        Reply created = stack.post("/api/v1/products", ProductStack.product("Admin's Mug", "", 899, 3), stack.admin);
        assertThat(created.status(), is(201));
        String path = "/api/v1/products/" + created.json().get("id").asText();
        assertThat(stack.put(path, ProductStack.product("Admin's Big Mug", "", 999, 4), stack.admin).status(), is(200));
        assertThat(stack.delete(path, stack.admin).status(), is(204));
    }

    @Test
    void categoriesNamedForTheFirstTimeAreCreatedAndListedWhileInUse() {
        String id = stack.create("Garden Gnome", "Stands guard.", 1500, 10, "gnomes").get("id").asText();

        JsonNode categories = stack.get("/api/v1/categories").json().get("items");
        List<String> slugs = new ArrayList<>();
        categories.forEach(c -> slugs.add(c.get("slug").asText()));
        assertThat(slugs, hasItem("gnomes"));
        assertThat(slugs, is(slugs.stream().sorted().toList()));
        categories.forEach(c -> {
            if (c.get("slug").asText().equals("gnomes")) {
                assertThat(c.get("name").asText(), is("Gnomes"));
            }
        });

        stack.delete("/api/v1/products/" + id, stack.merchant);
        List<String> after = new ArrayList<>();
        stack.get("/api/v1/categories").json().get("items").forEach(c -> after.add(c.get("slug").asText()));
        assertThat(after, not(hasItem("gnomes")));
    }

    @Test
    void replacingAProductChangesEveryField() {
        String id = stack.create("Old Kettle", "Whistles.", 2500, 5, "kitchen", "vintage").get("id").asText();
        String path = "/api/v1/products/" + id;

        Reply replaced = stack.put(path, ProductStack.product("New Kettle", "Quiet, fast and cordless.", 3500, 7,
                "kitchen", "electric"), stack.merchant);

        assertThat(replaced.toString(), replaced.status(), is(200));
        JsonNode product = stack.get(path).json();
        assertThat(product.get("name").asText(), is("New Kettle"));
        assertThat(product.get("description").asText(), is("Quiet, fast and cordless."));
        assertThat(product.get("price").get("amount").asLong(), is(3500L));
        assertThat(product.get("stock").asInt(), is(7));
        assertThat(product.get("categories").toString(), is("[\"electric\",\"kitchen\"]"));
        assertThat(product, is(replaced.json()));
    }

    @Test
    void aDeletedProductIsGoneForShoppersButItsRowStays() {
        String id = stack.createId("Discontinued Radio", 3);
        String path = "/api/v1/products/" + id;

        assertThat(stack.delete(path, stack.merchant).status(), is(204));

        assertThat(stack.get(path).status(), is(404));
        assertThat(stack.get("/api/v1/products?q=discontinued").json().get("total").asLong(), is(0L));
        assertThat(stack.put(path, ProductStack.product("Back Again", "", 1, 1), stack.merchant).status(), is(404));
        assertThat("deleting twice is fine", stack.delete(path, stack.merchant).status(), is(204));
        assertThat(stack.count("SELECT count(*) FROM catalog.products WHERE id = CAST(? AS uuid)"
                + " AND deleted_at IS NOT NULL", id), is(1L));
    }

    @Test
    void unknownAndMalformedIdsAre404() {
        for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "1", "%27%20OR%201=1")) {
            assertThat(id, stack.get("/api/v1/products/" + id).status(), is(404));
            assertThat(id, stack.put("/api/v1/products/" + id, ProductStack.product("X", "", 1, 1), stack.merchant)
                    .status(), is(404));
            assertThat(id, stack.delete("/api/v1/products/" + id, stack.merchant).status(), is(404));
        }
    }

    @Test
    void aCustomerCannotManageTheCatalog() {
        String id = stack.createId("Locked Box", 1);
        String path = "/api/v1/products/" + id;
        List<String> before = stack.everyStoredRow();

        Reply create = stack.post("/api/v1/products", ProductStack.product("Sneaky", "", 1, 1), stack.customer);
        assertThat(create.status(), is(403));
        assertThat(create.code(), is("forbidden"));
        assertThat(stack.put(path, ProductStack.product("Sneaky", "", 1, 1), stack.customer).status(), is(403));
        assertThat(stack.delete(path, stack.customer).status(), is(403));

        assertThat(stack.everyStoredRow(), is(before));
    }

    @Test
    void anonymousCallersBrowseButCannotManage() {
        String id = stack.createId("Public Bench", 2);
        String path = "/api/v1/products/" + id;
        List<String> before = stack.everyStoredRow();

        assertThat(stack.get(path).status(), is(200));
        assertThat(stack.get("/api/v1/products").status(), is(200));
        assertThat(stack.get("/api/v1/categories").status(), is(200));
        Reply create = stack.postAnonymously("/api/v1/products", ProductStack.product("Anon", "", 1, 1));
        assertThat(create.status(), is(401));
        assertThat(create.header("www-authenticate").orElse(""), containsString("Bearer"));
        assertThat(stack.send(io.helidon.http.Method.PUT, path, java.util.Optional.of(ProductStack.product("A", "", 1, 1)),
                java.util.Optional.empty()).status(), is(401));
        assertThat(stack.send(io.helidon.http.Method.DELETE, path, java.util.Optional.empty(),
                java.util.Optional.empty()).status(), is(401));
        assertThat(stack.post("/api/v1/products", ProductStack.product("Forged", "", 1, 1), "not.a.token").status(),
                is(401));

        assertThat(stack.everyStoredRow(), is(before));
    }

    @Test
    void theListIsPagedByNameWithTheTotal() {
        String category = "paging-" + UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of("Echo", "Alpha", "Delta", "Charlie", "Bravo")) {
            stack.create(name + " Widget", "", 100, 1, category);
        }

        JsonNode first = stack.get("/api/v1/products?category=" + category + "&size=2").json();
        JsonNode third = stack.get("/api/v1/products?category=" + category + "&size=2&page=3").json();
        JsonNode beyond = stack.get("/api/v1/products?category=" + category + "&size=2&page=4").json();

        assertThat(names(first), contains("Alpha Widget", "Bravo Widget"));
        assertThat(first.get("page").asInt(), is(1));
        assertThat(first.get("size").asInt(), is(2));
        assertThat(first.get("total").asLong(), is(5L));
        assertThat(names(third), contains("Echo Widget"));
        assertThat(names(beyond).isEmpty(), is(true));
        assertThat(beyond.get("total").asLong(), is(5L));
        assertThat(stack.get("/api/v1/products?category=" + category).json().get("size").asInt(), is(20));
        assertThat(stack.get("/api/v1/products?category=" + category + "&size=100").status(), is(200));
    }

    @Test
    void pageBoundsAreCheckedAndNamed() {
        for (String query : List.of("page=0", "page=-1", "page=x", "page=99999999999", "size=0", "size=101",
                "size=-5", "size=ten", "size=1.5")) {
            Reply reply = stack.get("/api/v1/products?" + query);
            assertThat(query, reply.status(), is(422));
            assertThat(query, reply.field(), is(query.substring(0, query.indexOf('='))));
            assertThat(reply.headers().get("content-type"), startsWith("application/problem+json"));
        }
    }

    @Test
    void anUnknownCategoryIsAnEmptyPage() {
        stack.createId("Lonely Product", 1);

        for (String category : List.of("no-such-category", "Not A Slug!", "x".repeat(300))) {
            Reply reply = stack.get("/api/v1/products?category=" + category);
            assertThat(category, reply.status(), is(200));
            assertThat(category, reply.json().get("total").asLong(), is(0L));
        }
    }

    static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("items").forEach(item -> names.add(item.get("name").asText()));
        return names;
    }
}
