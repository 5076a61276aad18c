package dev.meshmall.product;

import java.util.Map;

import dev.meshmall.testing.TestDatabase;

import com.fasterxml.jackson.databind.JsonNode;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** A catalog made before products carried a copy of their categories reads the same once product migrates it. */
class CategoryCopyMigrationTest {
    @Test
    void productsOfTheEarlierSchemaAreReadWithTheirCategories() {
        Map<String, String> database = TestDatabase.newDatabase();
        Map<String, String> asProduct = TestDatabase.asServiceRole(database, "product", "catalog");
        Flyway.configure()
                .dataSource(asProduct.get("db.connection.url"), asProduct.get("db.connection.username"),
                        asProduct.get("db.connection.password"))
                .schemas("catalog")
                .defaultSchema("catalog")
                .createSchemas(true)
                .locations("classpath:db/migration/catalog")
                .target("2")
                .load()
                .migrate();
        TestDatabase.rows(database, "INSERT INTO catalog.categories (slug, name) VALUES ('lighting', 'Lighting'),"
                + " ('home-garden', 'Home Garden'), ('unused', 'Unused')");
        String lamp = TestDatabase.rows(database, "INSERT INTO catalog.products (name, price_amount, currency, stock)"
                + " VALUES ('Lamp', 100, 'USD', 1) RETURNING id").getFirst().getFirst();
        String bare = TestDatabase.rows(database, "INSERT INTO catalog.products (name, price_amount, currency, stock)"
                + " VALUES ('Bare', 100, 'USD', 1) RETURNING id").getFirst().getFirst();
        TestDatabase.rows(database, "INSERT INTO catalog.product_categories (product_id, category)"
                + " VALUES (CAST(? AS uuid), 'lighting'), (CAST(? AS uuid), 'home-garden')", lamp, lamp);

        try (ProductStack stack = ProductStack.startOn(database, Map.of())) {
            JsonNode lampRead = stack.get("/api/v1/products/" + lamp).json();
            JsonNode bareRead = stack.get("/api/v1/products/" + bare).json();

            assertThat(lampRead.get("categories").toString(), is("[\"home-garden\",\"lighting\"]"));
            assertThat(bareRead.get("categories").toString(), is("[]"));
            assertThat(stack.get("/api/v1/products?category=lighting").json().get("items").get(0).get("categories")
                    .toString(), is("[\"home-garden\",\"lighting\"]"));
        }
    }
}
