package dev.meshmall.product;

import java.util.List;

import dev.meshmall.testing.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.meshmall.product.CatalogTest.names;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

/** Full-text search over name and description, English stemming, best match first. */
class SearchTest {
    private static ProductStack stack;

    @BeforeAll
    static void start() {
        stack = ProductStack.start();
        stack.create("Walnut Desk Lamp", "A warm light for late reading at the desk.", 4999, 5, "lighting", "office");
        stack.create("Brass Floor Lamp", "Tall, with a linen shade.", 8999, 5, "lighting");
        stack.create("Copper Kettle", "Boils water on any stove.", 3999, 5, "kitchen");
        stack.create("Tea Towel Set", "Three cotton towels that dry any kettle or cup.", 1299, 5, "kitchen");
        stack.create("Desk Organizer", "Keeps pens and papers in their place.", 1999, 5, "office");
        String gone = stack.create("Retired Lamp", "No longer sold.", 999, 5, "lighting").get("id").asText();
        stack.delete("/api/v1/products/" + gone, stack.merchant);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aPluralFindsTheSingularThroughStemming() {
        assertThat(found("lamps"), containsInAnyOrder("Walnut Desk Lamp", "Brass Floor Lamp"));
        assertThat(found("Boiling"), contains("Copper Kettle"));
    }

    @Test
    void wordsOfTheDescriptionAreFoundToo() {
        assertThat(found("linen"), contains("Brass Floor Lamp"));
        assertThat(found("reading light"), contains("Walnut Desk Lamp"));
    }

    @Test
    void aMatchInTheNameRanksAboveAMatchInTheDescription() {
        assertThat(found("kettle"), contains("Copper Kettle", "Tea Towel Set"));
    }

    @Test
    void wordsNoProductHasFindNothing() {
        assertThat(found("zeppelin"), is(empty()));
        assertThat("stop words alone match nothing", found("the and of"), is(empty()));
        assertThat("a deleted product is not found", found("retired"), is(empty()));
    }

    @Test
    void theQueryTakesWebSearchSyntax() {
        assertThat(found("lamp -walnut"), contains("Brass Floor Lamp"));
        assertThat(found("\"desk lamp\""), contains("Walnut Desk Lamp"));
        assertThat(found("kettle or pens"), containsInAnyOrder("Copper Kettle", "Tea Towel Set", "Desk Organizer"));
    }

    @Test
    void searchAndCategoryCombine() {
        assertThat(found("desk&category=office"), containsInAnyOrder("Walnut Desk Lamp", "Desk Organizer"));
        assertThat(found("desk&category=lighting"), contains("Walnut Desk Lamp"));
        assertThat(found("kettle&category=office"), is(empty()));
    }

    @Test
    void theCategoryFilterAloneListsByName() {
        JsonNode page = stack.get("/api/v1/products?category=lighting").json();
        assertThat(names(page), contains("Brass Floor Lamp", "Walnut Desk Lamp"));
        assertThat(page.get("total").asLong(), is(2L));
    }

    @Test
    void searchResultsArePagedWithTheirTotal() {
        JsonNode first = stack.get("/api/v1/products?q=desk&size=1").json();
        JsonNode second = stack.get("/api/v1/products?q=desk&size=1&page=2").json();

        assertThat(first.get("total").asLong(), is(2L));
        assertThat(names(first).size(), is(1));
        assertThat(names(second).size(), is(1));
        assertThat(names(first).equals(names(second)), is(false));
    }

    @Test
    void oddCharactersAreWordsNotSyntaxErrors() {
        for (String query : List.of("'; DROP TABLE catalog.products; --", "lamp & | ! ( ) : *", "\"", "-", "\\",
                "ランプ", "%", "lamp:*")) {
            Reply reply = stack.get("/api/v1/products?q=" + java.net.URLEncoder.encode(query,
                    java.nio.charset.StandardCharsets.UTF_8));
            assertThat(query, reply.status(), is(200));
        }
        assertThat(stack.count("SELECT count(*) FROM catalog.products"), is(6L));
    }

    @Test
    void aBlankQueryListsEverythingAndAnOverlongOneIsRefused() {
        assertThat(stack.get("/api/v1/products?q=%20%20").json().get("total").asLong(), is(5L));
        Reply tooLong = stack.get("/api/v1/products?q=" + "a".repeat(201));
        assertThat(tooLong.status(), is(422));
        assertThat(tooLong.field(), is("q"));
    }

    private static List<String> found(String query) {
        Reply reply = stack.get("/api/v1/products?q=" + query);
        assertThat(reply.toString(), reply.status(), is(200));
        return names(reply.json());
    }
}
