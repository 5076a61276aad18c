package dev.meshmall.cart;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.meshmall.cart.CartStack.Shopper;
import dev.meshmall.proto.cart.v1.EmptyCartRequest;
import dev.meshmall.proto.cart.v1.ItemQuantity;

import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
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
    private static final String EMPTIED_WHOLE = "meshmall_cart_emptied_total{extent=\"whole_cart\"";
    private static final String EMPTIED_ORDERED = "meshmall_cart_emptied_total{extent=\"ordered_items\"";
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
        for (String counter : List.of(ADDED, EMPTIED_WHOLE, EMPTIED_ORDERED)) {
            assertThat(counter, metrics.contains(counter), is(true));
        }
    }

    @Test
    void additionsAndEmptyingsAreCountedOncePerChange() {
        Shopper me = stack.newShopper();
        double added = value(ADDED);
        double whole = value(EMPTIED_WHOLE);
        double ordered = value(EMPTIED_ORDERED);
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());

        stack.add(me, mug, 2);
        stack.post(ITEMS, item(mug, 1), me.token(), key);
        stack.post(ITEMS, item(mug, 1), me.token(), key);
        stack.add(me, mug, 999);
        stack.cartGrpc(me).emptyCart(EmptyCartRequest.newBuilder()
                .setIdempotencyKey("order-1").addItems(ItemQuantity.newBuilder().setProductId(mug).setQuantity(1)).build());
        stack.cartGrpc(me).emptyCart(EmptyCartRequest.newBuilder()
                .setIdempotencyKey("order-1").addItems(ItemQuantity.newBuilder().setProductId(mug).setQuantity(1)).build());
        stack.delete(CART, me.token());

        assertThat(value(ADDED) - added, is(2.0));
        assertThat(value(EMPTIED_ORDERED) - ordered, is(1.0));
        assertThat(value(EMPTIED_WHOLE) - whole, is(1.0));
    }

    private static double value(String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + "[^ ]* ([0-9.eE+-]+)$").matcher(metrics());
        if (!matcher.find()) {
            throw new AssertionError(series + " is not in the metrics: " + metrics().lines().filter(l -> l.contains("cart")).toList());
        }
        return Double.parseDouble(matcher.group(1));
    }

    private static String metrics() {
        try (HttpClientResponse res = stack.http.get("/observe/metrics").header(HeaderNames.ACCEPT, "text/plain").request()) {
            return res.as(String.class);
        }
    }
}
