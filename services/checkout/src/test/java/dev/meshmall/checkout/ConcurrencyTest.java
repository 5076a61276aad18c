package dev.meshmall.checkout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.meshmall.checkout.CheckoutStack.Item;
import dev.meshmall.checkout.CheckoutStack.Shopper;
import dev.meshmall.testing.Concurrently;
import dev.meshmall.testing.Reply;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.meshmall.checkout.CheckoutStack.GOOD_CARD;
import static dev.meshmall.checkout.CheckoutStack.body;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.isIn;

/** Checkouts at the same time: the same one sent again and again, and many shoppers after the last units. */
class ConcurrencyTest {
    private static CheckoutStack stack;

    @BeforeAll
    static void start() {
        stack = CheckoutStack.start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /**
     * The request that records the key runs the checkout; a repeat while it runs is told so (409, retry later)
     * and one after it answers its result: never a second order or charge.
     */
    @Test
    void theSameCheckoutSentTenTimesAtOnceOrdersAndChargesOnce() throws Exception {
        Item chair = stack.newProduct("rocking chair", 24000, 5);
        Shopper shopper = stack.newShopper();
        stack.addToCart(shopper, chair, 2);
        String key = UUID.randomUUID().toString();
        String body = body(shopper, GOOD_CARD);

        List<Reply> replies = Concurrently.call(10, i -> stack.checkout(shopper, key, body));

        List<Reply> created = replies.stream().filter(r -> r.status() == 201).toList();
        assertThat(created.size(), greaterThanOrEqualTo(1));
        assertThat(replies.stream().map(Reply::status).toList(), everyItem(isIn(List.of(201, 409))));
        replies.stream().filter(r -> r.status() == 409)
                .forEach(r -> assertThat(r.code(), is("checkout_in_progress")));
        Set<String> orders = created.stream().map(r -> r.json().get("order_id").asText()).collect(Collectors.toSet());
        assertThat(orders.size(), is(1));
        String orderId = orders.iterator().next();

        Reply later = stack.checkout(shopper, key, body);
        assertThat(later.status(), is(201));
        assertThat(later.json().get("order_id").asText(), is(orderId));
        assertThat(later.json().get("status").asText(), is("PAID"));
        assertThat(stack.count("SELECT count(*) FROM orders.orders WHERE user_id = CAST(? AS uuid)",
                shopper.id()), is(1L));
        assertThat(stack.count("SELECT count(*) FROM payments.payments WHERE user_id = CAST(? AS uuid)",
                shopper.id()), is(1L));
        assertThat(stack.stockOf(chair), is(3));
        assertThat(stack.brokenInvariants(List.of(chair)), is(empty()));
    }

    @Test
    void fiftyShoppersAfterTheLastTenUnitsBuyExactlyTen() throws Exception {
        Item console = stack.newProduct("game console", 49900, 10);
        List<Shopper> shoppers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Shopper shopper = stack.newShopper();
            stack.addToCart(shopper, console, 1);
            shoppers.add(shopper);
        }

        List<Reply> replies = Concurrently.call(50, i -> stack.checkout(shoppers.get(i), UUID.randomUUID().toString(),
                body(shoppers.get(i), GOOD_CARD)));

        Map<Integer, Long> byStatus = replies.stream()
                .collect(Collectors.groupingBy(Reply::status, Collectors.counting()));
        assertThat(replies.toString(), byStatus, is(Map.of(201, 10L, 409, 40L)));
        replies.stream().filter(r -> r.status() == 201)
                .forEach(r -> assertThat(r.json().get("status").asText(), is("PAID")));
        replies.stream().filter(r -> r.status() == 409)
                .forEach(r -> assertThat(r.code(), is("insufficient_stock")));
        assertThat(stack.stockOf(console), is(0));
        long paid = stack.count("SELECT count(*) FROM orders.orders o JOIN orders.order_items i ON i.order_id = o.id"
                + " WHERE o.status = 'PAID' AND i.product_id = CAST(? AS uuid)", console.id());
        long charges = stack.count("SELECT count(*) FROM payments.payments p JOIN orders.order_items i"
                + " ON i.order_id = p.order_id WHERE p.status = 'SUCCEEDED' AND i.product_id = CAST(? AS uuid)",
                console.id());
        assertThat(paid, is(10L));
        assertThat(charges, is(10L));
        assertThat(stack.brokenInvariants(List.of(console)), is(empty()));
    }
}
