package dev.meshmall.product;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.meshmall.platform.config.ServiceConfig;

import io.helidon.config.Config;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/**
 * The production statements of {@code application.yaml}, explained over a catalog of some thousands of
 * products after ANALYZE, with the planner free to choose: each uses its index, not a sequential scan.
 */
class IndexPlanTest {
    private static final int PRODUCTS = 20_000;
    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([a-z_]+)");
    private static ProductStack stack;
    private static Config statements;
    private static String someId;

    @BeforeAll
    static void start() {
        stack = ProductStack.start();
        statements = ServiceConfig.load(ProductApp.class, Map.of(), Optional.empty()).get("db.statements");
        stack.rows("INSERT INTO catalog.categories (slug, name) SELECT 'cat-' || i, 'Category ' || i"
                + " FROM generate_series(0, 199) AS i");
        // names and descriptions from a small vocabulary; 'zeppelin' is in five products only
        stack.rows("INSERT INTO catalog.products (name, description, price_amount, currency, stock)"
                + " SELECT (ARRAY['Lamp','Kettle','Chair','Table','Mug','Rug','Vase','Clock'])[1 + i % 8] || ' ' || i,"
                + " 'A sturdy ' || (ARRAY['oak','steel','glass','wool','clay'])[1 + i % 5] || ' piece'"
                + " || CASE WHEN i % 4000 = 0 THEN ' shaped like a zeppelin' ELSE '' END,"
                + " 100 + i, 'USD', 10 FROM generate_series(1, " + PRODUCTS + ") AS i");
        stack.rows("INSERT INTO catalog.product_categories (product_id, category)"
                + " SELECT id, 'cat-' || (row_number() OVER (ORDER BY id)) % 200 FROM catalog.products");
        stack.rows("ANALYZE catalog.products");
        stack.rows("ANALYZE catalog.product_categories");
        stack.rows("ANALYZE catalog.categories");
        someId = stack.rows("SELECT id FROM catalog.products LIMIT 1").getFirst().getFirst();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aProductPageIsAPrimaryKeyRead() {
        assertUses("product", "products_pkey");
    }

    @Test
    void theBatchReadIsAPrimaryKeyRead() {
        assertUses("products", "products_pkey");
    }

    @Test
    void searchingUsesTheFullTextIndex() {
        assertUses("search-products", "products_search");
        assertUses("count-search", "products_search");
    }

    @Test
    void searchingInACategoryUsesAnIndex() {
        String plan = plan("search-products-in-category");
        assertThat(plan, not(containsString("Seq Scan")));
        assertThat(plan, containsString("products_search"));
    }

    @Test
    void theCategoryFilterUsesTheCategoryIndex() {
        assertUses("list-products-in-category", "product_categories_by_category");
        assertUses("count-products-in-category", "product_categories_by_category");
    }

    @Test
    void theListByNameReadsTheNameIndex() {
        assertUses("list-products", "products_by_name");
    }

    private static void assertUses(String statement, String index) {
        String plan = plan(statement);
        assertThat(statement + ":\n" + plan, plan, containsString(index));
        assertThat(statement + ":\n" + plan, plan, not(containsString("Seq Scan on products")));
    }

    /** EXPLAIN of the named statement with literal values in place of its parameters. */
    private static String plan(String statement) {
        Map<String, String> values = Map.of("id", "'" + someId + "'", "ids", "'{" + someId + "}'",
                "query", "'zeppelin'", "category", "'cat-7'", "limit", "20", "offset", "0");
        String sql = statements.get(statement).asString().get();
        Matcher m = PARAMETER.matcher(sql);
        StringBuilder bound = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(bound, Matcher.quoteReplacement(values.get(m.group(1))));
        }
        m.appendTail(bound);
        StringBuilder plan = new StringBuilder();
        for (List<String> line : stack.rows("EXPLAIN " + bound)) {
            plan.append(line.getFirst()).append('\n');
        }
        return plan.toString();
    }
}
