package dev.meshmall.cart;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.cart.CartStack.Shopper;
import dev.meshmall.testing.Concurrently;
import dev.meshmall.testing.Reply;
import dev.meshmall.testing.Rest;
import dev.meshmall.testing.TestServices;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Method;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.meshmall.cart.CartStack.CART;
import static dev.meshmall.cart.CartStack.ITEMS;
import static dev.meshmall.cart.CartStack.item;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/** The cart over REST, with the real auth and product services. */
class CartRestTest {
    private static CartStack stack;
    private static String mug;
    private static String tea;

    @BeforeAll
    static void start() {
        stack = CartStack.start();
        mug = stack.newProduct("Blue mug", 1250, "USD");
        tea = stack.newProduct("Green tea", 499, "USD");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void anAddAsksTheCatalogOnceWhateverTheCartHolds() {
        Shopper me = stack.newShopper();
        stack.add(me, mug, 1).expect(200);

        double before = catalogCalls();
        Reply added = stack.add(me, tea, 2);

        assertThat(catalogCalls() - before, is(1.0));
        assertThat(added.status(), is(200));
        assertThat(added.json().get("total").get("amount").asLong(), is(1250L + 2 * 499L));
        assertThat(stack.cartOf(me), is(added.json()));
    }

    /** GetProducts calls product has served: the catalog's round trips. */
    private static double catalogCalls() {
        return Rest.metric(TestServices.http(stack.product), "meshmall_grpc_calls_seconds_count",
                "method=\"meshmall.product.v1.ProductService/GetProducts\"");
    }

    @Test
    void aNewShopperHasAnEmptyCart() {
        JsonNode cart = stack.cartOf(stack.newShopper());

        assertThat(cart.get("items").size(), is(0));
        assertThat(cart.get("item_count").asInt(), is(0));
        assertThat(cart.get("total").isNull(), is(true));
        assertThat(cart.get("totals").size(), is(0));
        assertThat(cart.get("updated_at").isNull(), is(true));
    }

    @Test
    void addingAProductAnswersTheCartPricedByTheCatalog() {
        Shopper me = stack.newShopper();

        Reply added = stack.add(me, mug, 2);

        assertThat(added.status(), is(200));
        JsonNode cart = added.json();
        assertThat(cart.get("items").size(), is(1));
        JsonNode line = cart.get("items").get(0);
        assertThat(line.get("product_id").asText(), is(mug));
        assertThat(line.get("quantity").asInt(), is(2));
        assertThat(line.get("name").asText(), is("Blue mug"));
        assertThat(line.get("picture_url").asText(), is("https://img.example.com/Blue-mug.png"));
        assertThat(line.get("unit_price").get("amount").asLong(), is(1250L));
        assertThat(line.get("unit_price").get("currency").asText(), is("USD"));
        assertThat(line.get("line_total").get("amount").asLong(), is(2500L));
        assertThat(line.get("available").asBoolean(), is(true));
        assertThat(cart.get("total").get("amount").asLong(), is(2500L));
        assertThat(cart.get("total").get("currency").asText(), is("USD"));
        assertThat(cart.get("item_count").asInt(), is(2));
        assertThat(cart.get("updated_at").isTextual(), is(true));
        assertThat(cart.has("user_id"), is(false));
        assertThat(stack.cartOf(me), is(cart));
    }

    @Test
    void quantitiesOfTheSameProductAddUp() {
        Shopper me = stack.newShopper();
        stack.add(me, mug, 2);
        stack.add(me, tea, 1);

        JsonNode cart = stack.add(me, mug, 3).json();

        assertThat(cart.get("items").size(), is(2));
        assertThat(cart.get("items").get(0).get("product_id").asText(), is(mug));
        assertThat(cart.get("items").get(0).get("quantity").asInt(), is(5));
        assertThat(cart.get("items").get(1).get("product_id").asText(), is(tea));
        assertThat(cart.get("item_count").asInt(), is(6));
        assertThat(cart.get("total").get("amount").asLong(), is(5 * 1250L + 499L));
    }

    @Test
    void aShopperSetsTheQuantityOfALine() {
        Shopper me = stack.newShopper();
        stack.add(me, mug, 2);

        Reply set = stack.put(ITEMS + "/" + mug, "{\"quantity\":7}", me.token());

        assertThat(set.status(), is(200));
        assertThat(set.json().get("items").get(0).get("quantity").asInt(), is(7));
        assertThat(stack.cartOf(me).get("total").get("amount").asLong(), is(7 * 1250L));
    }

    @Test
    void settingAProductNotInTheCartIsNotFound() {
        Shopper me = stack.newShopper();
        stack.add(me, mug, 1);
        List<String> before = stack.storedCart(me);

        for (String id : List.of(tea, UUID.randomUUID().toString(), "not-a-uuid")) {
            Reply set = stack.put(ITEMS + "/" + id, "{\"quantity\":3}", me.token());
            assertThat(id, set.status(), is(404));
            assertThat(id, set.code(), is("item_not_in_cart"));
        }
        assertThat(stack.storedCart(me), is(before));
    }

    @Test
    void aShopperRemovesALine() {
        Shopper me = stack.newShopper();
        stack.add(me, mug, 1);
        stack.add(me, tea, 4);

        assertThat(stack.delete(ITEMS + "/" + mug, me.token()).status(), is(204));

        JsonNode cart = stack.cartOf(me);
        assertThat(cart.get("items").size(), is(1));
        assertThat(cart.get("items").get(0).get("product_id").asText(), is(tea));
        Reply again = stack.delete(ITEMS + "/" + mug, me.token());
        assertThat(again.status(), is(404));
        assertThat(again.code(), is("item_not_in_cart"));
        assertThat(stack.delete(ITEMS + "/not-a-uuid", me.token()).status(), is(404));
    }

    @Test
    void aShopperEmptiesTheCart() {
        Shopper me = stack.newShopper();
        stack.add(me, mug, 1);
        stack.add(me, tea, 4);

        assertThat(stack.delete(CART, me.token()).status(), is(204));

        JsonNode cart = stack.cartOf(me);
        assertThat(cart.get("items").size(), is(0));
        assertThat(cart.get("item_count").asInt(), is(0));
        assertThat(cart.get("updated_at").isTextual(), is(true));
        assertThat(stack.delete(CART, me.token()).status(), is(204));
    }

    @Test
    void emptyingWithAnIdempotencyKeyTwiceKeepsWhatWasAddedBetween() {
        Shopper me = stack.newShopper();
        stack.add(me, mug, 1);
        Map<String, String> key = Map.of("Idempotency-Key", "empty-" + UUID.randomUUID());
        assertThat(stack.delete(CART, me.token(), key).status(), is(204));
        stack.add(me, tea, 2);

        assertThat(stack.delete(CART, me.token(), key).status(), is(204));

        JsonNode cart = stack.cartOf(me);
        assertThat(cart.get("items").size(), is(1));
        assertThat(cart.get("items").get(0).get("product_id").asText(), is(tea));
    }

    @Test
    void addingWithAnIdempotencyKeyTwiceAddsOnce() {
        Shopper me = stack.newShopper();
        Map<String, String> key = Map.of("Idempotency-Key", "add-" + UUID.randomUUID());

        assertThat(stack.post(ITEMS, item(mug, 2), me.token(), key).status(), is(200));
        Reply repeat = stack.post(ITEMS, item(mug, 2), me.token(), key);

        assertThat(repeat.status(), is(200));
        assertThat(repeat.json().get("items").get(0).get("quantity").asInt(), is(2));
        assertThat(stack.add(me, mug, 2).json().get("items").get(0).get("quantity").asInt(), is(4));
    }

    @Test
    void aProductThatDoesNotExistOrIsDeletedCannotBeAdded() {
        Shopper me = stack.newShopper();
        String gone = stack.newProduct();
        stack.deleteProduct(gone);

        for (String id : List.of(UUID.randomUUID().toString(), gone, "not-a-uuid", "42")) {
            Reply added = stack.add(me, id, 1);
            assertThat(id, added.status(), is(404));
            assertThat(id, added.code(), is("product_not_found"));
        }
        assertThat(stack.storedCart(me), is(List.of()));
    }

    @Test
    void badQuantitiesAreRefusedAndChangeNothing() {
        Shopper me = stack.newShopper();
        stack.add(me, mug, 3);
        List<String> before = stack.storedCart(me);

        for (String quantity : List.of("0", "1000", "-1", "\"two\"", "null", "true", "99999999999")) {
            String body = "{\"product_id\":\"" + mug + "\",\"quantity\":" + quantity + "}";
            Reply added = stack.post(ITEMS, body, me.token());
            assertThat(quantity, added.status(), is(422));
            assertThat(quantity, added.field(), is("quantity"));
            Reply set = stack.put(ITEMS + "/" + mug, "{\"quantity\":" + quantity + "}", me.token());
            assertThat(quantity, set.status(), is(422));
            assertThat(quantity, set.field(), is("quantity"));
        }
        assertThat(stack.post(ITEMS, "{\"product_id\":\"" + mug + "\"}", me.token()).field(), is("quantity"));
        assertThat(stack.post(ITEMS, "{\"quantity\":1}", me.token()).field(), is("product_id"));
        assertThat(stack.storedCart(me), is(before));
    }

    @Test
    void aBodyNamingAUserIsRefused() {
        Shopper me = stack.newShopper();
        Shopper other = stack.newShopper();
        String body = "{\"product_id\":\"" + mug + "\",\"quantity\":1,\"user_id\":\"" + other.id() + "\"}";

        Reply added = stack.post(ITEMS, body, me.token());

        assertThat(added.status(), is(422));
        assertThat(added.field(), is("user_id"));
        assertThat(stack.storedCart(me), is(List.of()));
        assertThat(stack.storedCart(other), is(List.of()));
        assertThat(stack.put(ITEMS + "/" + mug, "{\"quantity\":1,\"user_id\":\"" + other.id() + "\"}", me.token())
                .status(), is(422));
    }

    @Test
    void malformedBodiesAreProblems() {
        Shopper me = stack.newShopper();
        Reply notJson = stack.post(ITEMS, "{\"product_id\":", me.token());
        assertThat(notJson.status(), is(400));
        assertThat(stack.post(ITEMS, "{\"product_id\":5,\"quantity\":1}", me.token()).status(), is(422));
        assertThat(stack.storedCart(me), is(List.of()));
    }

    @Test
    void aLineHoldsAtMost999() {
        Shopper me = stack.newShopper();
        assertThat(stack.add(me, mug, 999).status(), is(200));
        List<String> before = stack.storedCart(me);

        Reply one = stack.add(me, mug, 1);

        assertThat(one.status(), is(422));
        assertThat(one.code(), is("quantity_too_large"));
        assertThat(one.field(), is("quantity"));
        assertThat(one.json().get("in_cart").asInt(), is(999));
        assertThat(stack.storedCart(me), is(before));

        Shopper other = stack.newShopper();
        stack.add(other, tea, 500);
        assertThat(stack.add(other, tea, 499).status(), is(200));
        assertThat(stack.add(other, tea, 1).code(), is("quantity_too_large"));
        assertThat(stack.cartOf(other).get("items").get(0).get("quantity").asInt(), is(999));
    }

    @Test
    void aCartHoldsAtMostOneHundredProducts() {
        Shopper me = stack.newShopper();
        List<String> products = stack.manyProducts(101);
        for (String product : products.subList(0, 100)) {
            assertThat(stack.add(me, product, 1).status(), is(200));
        }
        List<String> before = stack.storedCart(me);

        Reply oneMore = stack.add(me, products.get(100), 1);

        assertThat(oneMore.status(), is(409));
        assertThat(oneMore.code(), is("cart_full"));
        assertThat(stack.storedCart(me), is(before));
        assertThat(stack.add(me, products.get(0), 1).status(), is(200));
        JsonNode cart = stack.cartOf(me);
        assertThat(cart.get("items").size(), is(100));
        assertThat(cart.get("item_count").asInt(), is(101));
        assertThat(cart.get("total").get("amount").asLong(), is(101 * 100L));
    }

    @Test
    void aShopperSeesAndChangesOnlyTheirOwnCart() {
        Shopper alice = stack.newShopper();
        Shopper bob = stack.newShopper();
        stack.add(alice, mug, 2);
        stack.add(bob, tea, 1);
        List<String> alicesCart = stack.storedCart(alice);

        JsonNode bobs = stack.cartOf(bob);
        assertThat(bobs.get("items").size(), is(1));
        assertThat(bobs.get("items").get(0).get("product_id").asText(), is(tea));

        Reply set = stack.put(ITEMS + "/" + mug, "{\"quantity\":9}", bob.token());
        assertThat(set.status(), is(404));
        assertThat(stack.delete(ITEMS + "/" + mug, bob.token()).status(), is(404));
        assertThat(stack.delete(CART, bob.token()).status(), is(204));

        assertThat(stack.storedCart(alice), is(alicesCart));
        JsonNode alices = stack.cartOf(alice);
        assertThat(alices.get("items").size(), is(1));
        assertThat(alices.get("items").get(0).get("quantity").asInt(), is(2));
    }

    @Test
    void everyRouteNeedsAToken() {
        for (var method : List.of("GET " + CART, "DELETE " + CART, "POST " + ITEMS, "PUT " + ITEMS + "/" + mug,
                "DELETE " + ITEMS + "/" + mug)) {
            String[] parts = method.split(" ");
            Reply reply = Rest.send(stack.http, Method.create(parts[0]), parts[1],
                    parts[0].startsWith("P") ? Optional.of(item(mug, 1)) : Optional.empty(), Optional.empty());
            assertThat(method, reply.status(), is(401));
            assertThat(method, reply.code(), is("unauthenticated"));
        }
        Reply forged = stack.get(CART, "not-a-token");
        assertThat(forged.status(), is(401));
    }

    @Test
    void aProductDeletedAfterBeingAddedShowsUnavailableAndCountsInNoTotal() {
        Shopper me = stack.newShopper();
        String lamp = stack.newProduct("Desk lamp", 3000, "USD");
        stack.add(me, lamp, 1);
        stack.add(me, mug, 2);

        stack.deleteProduct(lamp);

        JsonNode cart = stack.cartOf(me);
        JsonNode gone = cart.get("items").get(0);
        assertThat(gone.get("product_id").asText(), is(lamp));
        assertThat(gone.get("available").asBoolean(), is(false));
        assertThat(gone.get("quantity").asInt(), is(1));
        assertThat(gone.get("unit_price").isNull(), is(true));
        assertThat(gone.get("line_total").isNull(), is(true));
        assertThat(cart.get("items").get(1).get("available").asBoolean(), is(true));
        assertThat(cart.get("total").get("amount").asLong(), is(2 * 1250L));
        assertThat(cart.get("item_count").asInt(), is(3));
        assertThat(stack.put(ITEMS + "/" + lamp, "{\"quantity\":2}", me.token()).status(), is(200));
        assertThat(stack.delete(ITEMS + "/" + lamp, me.token()).status(), is(204));
    }

    @Test
    void aCartMixingCurrenciesHasATotalPerCurrency() {
        Shopper me = stack.newShopper();
        String euro = stack.newProduct("Croissant", 180, "EUR");
        stack.add(me, mug, 1);
        stack.add(me, euro, 3);
        stack.add(me, tea, 2);

        JsonNode cart = stack.cartOf(me);

        assertThat(cart.get("total").isNull(), is(true));
        assertThat(cart.get("totals").size(), is(2));
        assertThat(cart.get("totals").get(0).get("currency").asText(), is("EUR"));
        assertThat(cart.get("totals").get(0).get("amount").asLong(), is(540L));
        assertThat(cart.get("totals").get(1).get("currency").asText(), is("USD"));
        assertThat(cart.get("totals").get(1).get("amount").asLong(), is(1250L + 2 * 499L));
    }

    @Test
    void concurrentAddsOfOneProductSumExactly() throws Exception {
        Shopper me = stack.newShopper();

        List<Integer> statuses = Concurrently.call(25, i -> stack.add(me, mug, 3).status());

        assertThat(statuses.stream().allMatch(s -> s == 200), is(true));
        assertThat(stack.cartOf(me).get("items").get(0).get("quantity").asInt(), is(75));
    }

    @Test
    void concurrentAddsNeverPassTheLineLimit() throws Exception {
        Shopper me = stack.newShopper();

        List<Integer> statuses = Concurrently.call(12, i -> stack.add(me, tea, 100).status());

        assertThat(statuses.stream().filter(s -> s == 200).count(), is(9L));
        assertThat(statuses.stream().filter(s -> s == 422).count(), is(3L));
        assertThat(stack.cartOf(me).get("items").get(0).get("quantity").asInt(), is(900));
    }

    @Test
    void concurrentAddsNeverPassTheProductLimit() throws Exception {
        Shopper me = stack.newShopper();
        List<String> products = stack.manyProducts(120);
        for (String product : products.subList(0, 95)) {
            stack.add(me, product, 1);
        }

        List<Integer> statuses = Concurrently.call(25, i -> stack.add(me, products.get(95 + i), 1).status());

        assertThat(statuses.stream().filter(s -> s == 200).count(), is(5L));
        assertThat(statuses.stream().filter(s -> s == 409).count(), is(20L));
        assertThat(stack.count("SELECT count(*) FROM cart.items WHERE user_id = ?", me.uuid()), is(100L));
    }

    @Test
    void problemsAreProblemDocuments() {
        Reply missing = stack.add(stack.newShopper(), UUID.randomUUID().toString(), 1);
        assertThat(missing.json().get("type").asText(), startsWith("https://meshmall.dev/problems/"));
        assertThat(missing.json().get("status").asInt(), is(404));
        assertThat(missing.json().get("instance").asText(), is(ITEMS));
    }
}
