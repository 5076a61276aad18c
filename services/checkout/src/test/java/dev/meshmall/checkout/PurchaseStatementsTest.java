package dev.meshmall.checkout;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.meshmall.checkout.CheckoutStack.Item;
import dev.meshmall.checkout.CheckoutStack.Shopper;
import dev.meshmall.testing.Reply;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.meshmall.checkout.CheckoutStack.GOOD_CARD;
import static dev.meshmall.checkout.CheckoutStack.body;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

/**
 * The statements a purchase (add to cart, then check out with a card) runs in PostgreSQL, by service, counted by
 * pg_stat_statements over real purchases: the SQL side of a purchase's cost, which does not move with the
 * machine's load as a time would. Each service has a budget, today's count; a change that adds statements to
 * the purchase path fails here and says which. BEGIN counts as a statement (COMMIT is not counted by the
 * extension). Other services' background work in the same window (auth's key rotation) is left out.
 */
class PurchaseStatementsTest {
    private static final int PURCHASES = 10;
    private static final Map<String, Integer> BUDGET = Map.of(
            "meshmall_cart", 10,
            "meshmall_product", 4,
            "meshmall_order", 8,
            "meshmall_payment", 6,
            "meshmall_checkout", 5);
    private static CheckoutStack stack;

    @BeforeAll
    static void start() {
        stack = CheckoutStack.start();
        stack.rows("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aPurchaseRunsNoMoreStatementsThanItsBudget() {
        Item item = stack.newProduct("counted", 1500, 1000);
        for (int i = 0; i < 3; i++) {
            purchase(item);
        }
        stack.rows("SELECT pg_stat_statements_reset()");
        for (int i = 0; i < PURCHASES; i++) {
            purchase(item);
        }
        Map<String, Double> perPurchase = new TreeMap<>();
        stack.rows("""
                SELECT r.rolname, sum(s.calls) FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
                WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND r.rolname LIKE 'meshmall\\_%'
                GROUP BY r.rolname""")
                .forEach(row -> perPurchase.put(row.get(0), Double.parseDouble(row.get(1)) / PURCHASES));
        String table = perPurchase.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
        System.out.println("statements per purchase: " + table);

        BUDGET.forEach((role, budget) ->
                assertThat(role + " in " + table, perPurchase.getOrDefault(role, 0.0), lessThanOrEqualTo((double) budget)));
    }

    private static void purchase(Item item) {
        Shopper shopper = stack.newShopper();
        stack.addToCart(shopper, item, 1);
        Reply reply = stack.checkout(shopper, UUID.randomUUID().toString(), body(shopper, GOOD_CARD));
        assertThat(reply.body(), reply.status(), is(201));
    }
}
