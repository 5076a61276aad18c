package dev.meshmall.devstack;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/** The demo catalog is a shop worth browsing: a few dozen products, several categories, sane values. */
class DemoCatalogTest {
    private final List<JsonNode> products = DemoCatalog.products();

    @Test
    void aFewDozenProductsInSeveralCategories() {
        Set<String> categories = new HashSet<>();
        products.forEach(p -> p.path("categories").forEach(c -> categories.add(c.asText())));

        assertThat(products.size(), is(36));
        assertThat(categories, is(Set.of("books", "electronics", "kitchen", "garden", "toys", "apparel")));
    }

    @Test
    void everyProductHasANameAPriceInCentsStockAndAPicture() {
        Set<String> names = new HashSet<>();
        for (JsonNode product : products) {
            String name = product.path("name").asText();
            assertThat(name, names.add(name), is(true));
            assertThat(name, product.path("description").asText().length() > 20, is(true));
            assertThat(name, product.path("price").path("amount").isIntegralNumber(), is(true));
            assertThat(name, product.path("price").path("amount").asLong(), greaterThanOrEqualTo(100L));
            assertThat(name, product.path("price").path("currency").asText(), is("USD"));
            assertThat(name, product.path("stock").asInt(), greaterThanOrEqualTo(50));
            assertThat(name, product.path("stock").asInt(), lessThanOrEqualTo(500));
            assertThat(name + ": " + product.path("picture_url").asText(), product.path("picture_url").asText()
                    .matches("https://picsum\\.photos/seed/[a-z0-9-]+/640/480"), is(true));
        }
    }
}
