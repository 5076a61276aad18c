package dev.meshmall.cart;

import java.util.List;
import java.util.UUID;

import dev.meshmall.cart.CartStack.Shopper;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.cart.v1.AddItemRequest;
import dev.meshmall.proto.cart.v1.Cart;
import dev.meshmall.proto.cart.v1.CartItem;
import dev.meshmall.proto.cart.v1.CartServiceGrpc.CartServiceBlockingStub;
import dev.meshmall.proto.cart.v1.EmptyCartRequest;
import dev.meshmall.proto.cart.v1.GetCartRequest;
import dev.meshmall.proto.cart.v1.ItemQuantity;
import dev.meshmall.proto.cart.v1.RemoveItemRequest;
import dev.meshmall.proto.cart.v1.SetItemQuantityRequest;
import dev.meshmall.testing.Concurrently;
import dev.meshmall.testing.TestServices;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The internal gRPC API: every rpc, for the caller of the token as over REST. */
class CartGrpcTest {
    private static CartStack stack;
    private static String mug;
    private static String tea;
    private static String jam;

    @BeforeAll
    static void start() {
        stack = CartStack.start();
        mug = stack.newProduct("Blue mug", 1250, "USD");
        tea = stack.newProduct("Green tea", 499, "USD");
        jam = stack.newProduct("Plum jam", 650, "USD");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void grpcurlAndEvansCanListTheCartService() {
        assertThat(TestServices.reflectedServices(stack.cartChannel), hasItem("meshmall.cart.v1.CartService"));
    }

    @Test
    void getCartAnswersTheRawItemsInTheOrderTheyWereAdded() {
        Shopper me = stack.newShopper();
        CartServiceBlockingStub cart = stack.cartGrpc(me);
        assertThat(cart.getCart(GetCartRequest.getDefaultInstance()), is(Cart.getDefaultInstance()));

        cart.addItem(add(tea, 2));
        cart.addItem(add(mug, 1));
        Cart answered = cart.addItem(add(tea, 3));

        assertThat(products(answered), is(List.of(tea, mug)));
        assertThat(answered.getItems(0).getQuantity(), is(5));
        assertThat(answered.getItems(1).getQuantity(), is(1));
        assertThat(answered.getItems(0).hasAddedAt(), is(true));
        assertThat(answered.hasUpdatedAt(), is(true));
        assertThat(cart.getCart(GetCartRequest.getDefaultInstance()), is(answered));
        assertThat(stack.cartOf(me).get("item_count").asInt(), is(6));
    }

    @Test
    void addItemKeepsTheRulesOfRest() {
        Shopper me = stack.newShopper();
        CartServiceBlockingStub cart = stack.cartGrpc(me);
        String gone = stack.newProduct();
        stack.deleteProduct(gone);

        for (String id : List.of(UUID.randomUUID().toString(), gone, "not-a-uuid")) {
            assertError(Status.Code.NOT_FOUND, "product_not_found", () -> cart.addItem(add(id, 1)));
        }
        for (int quantity : List.of(0, -1, 1000)) {
            assertError(Status.Code.INVALID_ARGUMENT, "invalid_field", () -> cart.addItem(add(mug, quantity)));
        }
        cart.addItem(add(mug, 990));
        assertError(Status.Code.INVALID_ARGUMENT, "quantity_too_large", () -> cart.addItem(add(mug, 10)));
        assertThat(cart.getCart(GetCartRequest.getDefaultInstance()).getItems(0).getQuantity(), is(990));
    }

    @Test
    void addItemWithAKeyAddsOnce() {
        CartServiceBlockingStub cart = stack.cartGrpc(stack.newShopper());
        AddItemRequest request = add(jam, 2).toBuilder().setIdempotencyKey("add-" + UUID.randomUUID()).build();

        cart.addItem(request);
        Cart repeated = cart.addItem(request);

        assertThat(repeated.getItems(0).getQuantity(), is(2));
        assertThat(cart.addItem(request.toBuilder().setIdempotencyKey("another").build()).getItems(0).getQuantity(),
                is(4));
    }

    @Test
    void aKeyPastRetentionAppliesAgainAndTheOwnersOtherStaleKeysGo() {
        Shopper me = stack.newShopper();
        CartServiceBlockingStub cart = stack.cartGrpc(me);
        AddItemRequest first = add(jam, 2).toBuilder().setIdempotencyKey("old-" + UUID.randomUUID()).build();
        AddItemRequest second = add(jam, 2).toBuilder().setIdempotencyKey("older-" + UUID.randomUUID()).build();
        cart.addItem(first);
        cart.addItem(second);
        stack.rows("UPDATE cart.applied_keys SET applied_at = now() - interval '8 days' WHERE user_id = ?", me.uuid());

        assertThat("past the 7 days of retention, the key is new again",
                cart.addItem(first).getItems(0).getQuantity(), is(6));
        assertThat(cart.addItem(first).getItems(0).getQuantity(), is(6));
        assertThat(stack.rows("SELECT idempotency_key, applied_at > now() - interval '1 minute' FROM cart.applied_keys"
                + " WHERE user_id = ?", me.uuid()), is(List.of(List.of(first.getIdempotencyKey(), "t"))));
    }

    @Test
    void aRefusedAddLeavesItsKeyUnused() {
        CartServiceBlockingStub cart = stack.cartGrpc(stack.newShopper());
        cart.addItem(add(jam, 999));
        AddItemRequest request = add(jam, 5).toBuilder().setIdempotencyKey("retry-me").build();
        assertError(Status.Code.INVALID_ARGUMENT, "quantity_too_large", () -> cart.addItem(request));
        cart.setItemQuantity(set(jam, 1));

        assertThat(cart.addItem(request).getItems(0).getQuantity(), is(6));
    }

    @Test
    void setItemQuantitySetsAddsAndRemoves() {
        CartServiceBlockingStub cart = stack.cartGrpc(stack.newShopper());
        cart.addItem(add(mug, 4));

        assertThat(cart.setItemQuantity(set(mug, 2)).getItems(0).getQuantity(), is(2));
        assertThat(cart.setItemQuantity(set(mug, 2)).getItems(0).getQuantity(), is(2));
        Cart withTea = cart.setItemQuantity(set(tea, 7));
        assertThat(products(withTea), is(List.of(mug, tea)));
        assertThat(withTea.getItems(1).getQuantity(), is(7));
        assertThat(products(cart.setItemQuantity(set(mug, 0))), is(List.of(tea)));
        assertThat(products(cart.setItemQuantity(set(mug, 0))), is(List.of(tea)));

        assertError(Status.Code.INVALID_ARGUMENT, "invalid_field", () -> cart.setItemQuantity(set(tea, -1)));
        assertError(Status.Code.INVALID_ARGUMENT, "invalid_field", () -> cart.setItemQuantity(set(tea, 1000)));
        assertError(Status.Code.NOT_FOUND, "product_not_found",
                () -> cart.setItemQuantity(set(UUID.randomUUID().toString(), 1)));
        assertThat(cart.getCart(GetCartRequest.getDefaultInstance()).getItems(0).getQuantity(), is(7));
    }

    @Test
    void setItemQuantityKeepsTheProductLimit() {
        Shopper me = stack.newShopper();
        CartServiceBlockingStub cart = stack.cartGrpc(me);
        List<String> products = stack.manyProducts(101);
        for (String product : products.subList(0, 100)) {
            cart.setItemQuantity(set(product, 1));
        }

        assertError(Status.Code.FAILED_PRECONDITION, "cart_full",
                () -> cart.setItemQuantity(set(products.get(100), 1)));
        assertError(Status.Code.FAILED_PRECONDITION, "cart_full", () -> cart.addItem(add(products.get(100), 1)));
        assertThat(cart.setItemQuantity(set(products.get(0), 5)).getItemsCount(), is(100));
    }

    @Test
    void removeItemIsIdempotent() {
        CartServiceBlockingStub cart = stack.cartGrpc(stack.newShopper());
        cart.addItem(add(mug, 1));
        cart.addItem(add(tea, 1));

        assertThat(products(cart.removeItem(remove(mug))), is(List.of(tea)));
        assertThat(products(cart.removeItem(remove(mug))), is(List.of(tea)));
        assertThat(products(cart.removeItem(remove("not-a-uuid"))), is(List.of(tea)));
    }

    @Test
    void emptyCartWithoutItemsEmptiesEverything() {
        CartServiceBlockingStub cart = stack.cartGrpc(stack.newShopper());
        cart.addItem(add(mug, 1));
        cart.addItem(add(tea, 2));

        cart.emptyCart(EmptyCartRequest.getDefaultInstance());

        Cart empty = cart.getCart(GetCartRequest.getDefaultInstance());
        assertThat(empty.getItemsCount(), is(0));
        assertThat(empty.hasUpdatedAt(), is(true));
    }

    @Test
    void emptyCartWithItemsTakesOnlyThoseQuantities() {
        CartServiceBlockingStub cart = stack.cartGrpc(stack.newShopper());
        cart.addItem(add(mug, 5));
        cart.addItem(add(tea, 2));
        cart.addItem(add(jam, 1));

        cart.emptyCart(EmptyCartRequest.newBuilder()
                .addItems(take(mug, 3))
                .addItems(take(tea, 2))
                .addItems(take(UUID.randomUUID().toString(), 4))
                .build());

        Cart left = cart.getCart(GetCartRequest.getDefaultInstance());
        assertThat(products(left), is(List.of(mug, jam)));
        assertThat(left.getItems(0).getQuantity(), is(2));
        assertThat(left.getItems(1).getQuantity(), is(1));
        cart.emptyCart(EmptyCartRequest.newBuilder().addItems(take(mug, 50)).build());
        assertThat(products(cart.getCart(GetCartRequest.getDefaultInstance())), is(List.of(jam)));
    }

    @Test
    void aProductListedTwiceIsTakenInTotal() {
        CartServiceBlockingStub cart = stack.cartGrpc(stack.newShopper());
        cart.addItem(add(mug, 5));

        cart.emptyCart(EmptyCartRequest.newBuilder().addItems(take(mug, 1)).addItems(take(mug, 2)).build());

        assertThat(cart.getCart(GetCartRequest.getDefaultInstance()).getItems(0).getQuantity(), is(2));
    }

    @Test
    void aRepeatedEmptyCartDoesNotTakeWhatWasAddedSince() {
        CartServiceBlockingStub cart = stack.cartGrpc(stack.newShopper());
        cart.addItem(add(mug, 2));
        cart.addItem(add(tea, 1));
        EmptyCartRequest ordered = EmptyCartRequest.newBuilder()
                .setIdempotencyKey("checkout-" + UUID.randomUUID())
                .addItems(take(mug, 2))
                .build();
        cart.emptyCart(ordered);
        cart.addItem(add(mug, 4));

        cart.emptyCart(ordered);

        Cart left = cart.getCart(GetCartRequest.getDefaultInstance());
        assertThat(products(left), is(List.of(tea, mug)));
        assertThat(left.getItems(1).getQuantity(), is(4));

        EmptyCartRequest everything = EmptyCartRequest.newBuilder()
                .setIdempotencyKey("all-" + UUID.randomUUID()).build();
        cart.emptyCart(everything);
        cart.addItem(add(jam, 1));
        cart.emptyCart(everything);
        assertThat(products(cart.getCart(GetCartRequest.getDefaultInstance())), is(List.of(jam)));
    }

    @Test
    void aKeyOfAnEmptyCartIsStillRemembered() {
        CartServiceBlockingStub cart = stack.cartGrpc(stack.newShopper());
        EmptyCartRequest request = EmptyCartRequest.newBuilder().setIdempotencyKey("early").build();
        cart.emptyCart(request);
        cart.addItem(add(mug, 1));

        cart.emptyCart(request);

        assertThat(products(cart.getCart(GetCartRequest.getDefaultInstance())), is(List.of(mug)));
    }

    @Test
    void concurrentRepeatsOfOneEmptyCartTakeOnce() throws Exception {
        CartServiceBlockingStub cart = stack.cartGrpc(stack.newShopper());
        cart.addItem(add(mug, 10));
        EmptyCartRequest request = EmptyCartRequest.newBuilder()
                .setIdempotencyKey("checkout-" + UUID.randomUUID()).addItems(take(mug, 3)).build();

        Concurrently.call(8, i -> {
            cart.emptyCart(request);
            return 0;
        });

        assertThat(cart.getCart(GetCartRequest.getDefaultInstance()).getItems(0).getQuantity(), is(7));
    }

    @Test
    void badItemsOfEmptyCartAreRefusedAndTakeNothing() {
        CartServiceBlockingStub cart = stack.cartGrpc(stack.newShopper());
        cart.addItem(add(mug, 3));
        EmptyCartRequest badId = EmptyCartRequest.newBuilder().addItems(take(mug, 1)).addItems(take("x", 1)).build();
        EmptyCartRequest badQuantity = EmptyCartRequest.newBuilder().addItems(take(mug, 0)).build();

        assertError(Status.Code.INVALID_ARGUMENT, "invalid_field", () -> cart.emptyCart(badId));
        assertError(Status.Code.INVALID_ARGUMENT, "invalid_field", () -> cart.emptyCart(badQuantity));

        assertThat(cart.getCart(GetCartRequest.getDefaultInstance()).getItems(0).getQuantity(), is(3));
    }

    @Test
    void eachCallerReachesOnlyTheirOwnCart() {
        Shopper alice = stack.newShopper();
        Shopper bob = stack.newShopper();
        stack.cartGrpc(alice).addItem(add(mug, 2));
        Cart alices = stack.cartGrpc(alice).getCart(GetCartRequest.getDefaultInstance());

        CartServiceBlockingStub bobs = stack.cartGrpc(bob);
        assertThat(bobs.getCart(GetCartRequest.getDefaultInstance()).getItemsCount(), is(0));
        bobs.removeItem(remove(mug));
        bobs.emptyCart(EmptyCartRequest.newBuilder().addItems(take(mug, 2)).build());
        bobs.emptyCart(EmptyCartRequest.getDefaultInstance());

        assertThat(stack.cartGrpc(alice).getCart(GetCartRequest.getDefaultInstance()), is(alices));
    }

    @Test
    void everyRpcNeedsAToken() {
        CartServiceBlockingStub anonymous = stack.anonymousCartGrpc();
        List<Executable> calls = List.of(
                () -> anonymous.getCart(GetCartRequest.getDefaultInstance()),
                () -> anonymous.addItem(add(mug, 1)),
                () -> anonymous.setItemQuantity(set(mug, 1)),
                () -> anonymous.removeItem(remove(mug)),
                () -> anonymous.emptyCart(EmptyCartRequest.getDefaultInstance()));
        for (Executable call : calls) {
            assertError(Status.Code.UNAUTHENTICATED, "unauthenticated", call);
        }
    }

    private static void assertError(Status.Code status, String code, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertThat(e.getStatus().getCode(), is(status));
        assertThat(GrpcErrors.code(e), is(code));
    }

    private static List<String> products(Cart cart) {
        return cart.getItemsList().stream().map(CartItem::getProductId).toList();
    }

    private static AddItemRequest add(String product, int quantity) {
        return AddItemRequest.newBuilder().setProductId(product).setQuantity(quantity).build();
    }

    private static SetItemQuantityRequest set(String product, int quantity) {
        return SetItemQuantityRequest.newBuilder().setProductId(product).setQuantity(quantity).build();
    }

    private static RemoveItemRequest remove(String product) {
        return RemoveItemRequest.newBuilder().setProductId(product).build();
    }

    private static ItemQuantity take(String product, int quantity) {
        return ItemQuantity.newBuilder().setProductId(product).setQuantity(quantity).build();
    }
}
