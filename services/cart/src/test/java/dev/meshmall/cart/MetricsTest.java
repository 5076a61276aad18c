package dev.meshmall.cart;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.cart.CartStack.Shopper;
import dev.meshmall.proto.cart.v1.EmptyCartRequest;
import dev.meshmall.proto.cart.v1.ItemQuantity;
import dev.meshmall.testing.Rest;

import io.helidon.http.Method;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.meshmall.cart.CartStack.CART;
import static dev.meshmall.cart.CartStack.ITEMS;
import static dev.meshmall.cart.CartStack.item;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

/** The business counters at /observe/metrics: additions, and carts emptied whole or of what an order took. */
class MetricsTest {
    private static final String ADDED = "meshmall_cart_items_added_total";
    private static final String EMPTIED = "meshmall_cart_emptied_total";
    private static final String WHOLE = "extent=\"whole_cart\"";
    private static final String ORDERED = "extent=\"ordered_items\"";
    private static CartStack stack;
    private static String mug;

    @BeforeAll
    static void start() {
        stack = CartStack.start();
        mug = stack.newProduct();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theCountersAreThereBeforeTheFirstEvent() {
        String metrics = metrics();
        for (String counter : List.of(ADDED, EMPTIED + "{" + WHOLE, EMPTIED + "{" + ORDERED)) {
            assertThat(counter, metrics.contains(counter), is(true));
        }
    }

    @Test
    void additionsAndEmptyingsAreCountedOncePerChange() {
        Shopper me = stack.newShopper();
        double added = Rest.metric(stack.http, ADDED);
        double whole = Rest.metric(stack.http, EMPTIED, WHOLE);
        double ordered = Rest.metric(stack.http, EMPTIED, ORDERED);
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        stack.add(me, mug, 2);
        stack.post(ITEMS, item(mug, 1), me.token(), key);
        stack.post(ITEMS, item(mug, 1), me.token(), key);
        stack.add(me, mug, 999);
        EmptyCartRequest order = EmptyCartRequest.newBuilder().setIdempotencyKey("order-1")
                .addItems(ItemQuantity.newBuilder().setProductId(mug).setQuantity(1)).build();
        stack.cartGrpc(me).emptyCart(order);
        stack.cartGrpc(me).emptyCart(order);
        stack.delete(CART, me.token());

        assertThat(Rest.metric(stack.http, ADDED) - added, is(2.0));
        assertThat(Rest.metric(stack.http, EMPTIED, ORDERED) - ordered, is(1.0));
        assertThat(Rest.metric(stack.http, EMPTIED, WHOLE) - whole, is(1.0));
    }

    private static String metrics() {
        return Rest.send(stack.http, Method.GET, "/observe/metrics", Optional.empty(), Optional.empty(),
                Map.of("Accept", "text/plain")).body();
    }
}
