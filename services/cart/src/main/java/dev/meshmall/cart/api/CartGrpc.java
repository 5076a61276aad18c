package dev.meshmall.cart.api;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.cart.biz.Carts;
import dev.meshmall.cart.biz.ItemQuantity;
import dev.meshmall.proto.cart.v1.AddItemRequest;
import dev.meshmall.proto.cart.v1.Cart;
import dev.meshmall.proto.cart.v1.CartItem;
import dev.meshmall.proto.cart.v1.CartServiceGrpc;
import dev.meshmall.proto.cart.v1.EmptyCartRequest;
import dev.meshmall.proto.cart.v1.EmptyCartResponse;
import dev.meshmall.proto.cart.v1.GetCartRequest;
import dev.meshmall.proto.cart.v1.RemoveItemRequest;
import dev.meshmall.proto.cart.v1.SetItemQuantityRequest;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;

/**
 * The gRPC face of the cart, for checkout and other services: the same rules as REST, for the caller of the
 * forwarded token. Carts are answered raw (product ids and quantities): checkout prices them itself. Domain
 * errors thrown here become statuses in the platform's interceptor.
 */
public final class CartGrpc extends CartServiceGrpc.CartServiceImplBase {
    private final Carts carts;

    public CartGrpc(Carts carts) {
        this.carts = carts;
    }

    @Override
    public void addItem(AddItemRequest request, StreamObserver<Cart> response) {
        UUID me = Requests.me();
        carts.add(me, request.getProductId(), request.getQuantity(), Optional.of(request.getIdempotencyKey()));
        reply(response, cart(carts.cart(me)));
    }

    @Override
    public void setItemQuantity(SetItemQuantityRequest request, StreamObserver<Cart> response) {
        UUID me = Requests.me();
        carts.setQuantity(me, request.getProductId(), request.getQuantity());
        reply(response, cart(carts.cart(me)));
    }

    @Override
    public void removeItem(RemoveItemRequest request, StreamObserver<Cart> response) {
        UUID me = Requests.me();
        carts.discardItem(me, request.getProductId());
        reply(response, cart(carts.cart(me)));
    }

    @Override
    public void getCart(GetCartRequest request, StreamObserver<Cart> response) {
        reply(response, cart(carts.cart(Requests.me())));
    }

    @Override
    public void emptyCart(EmptyCartRequest request, StreamObserver<EmptyCartResponse> response) {
        UUID me = Requests.me();
        var items = request.getItemsList().stream()
                .map(item -> new ItemQuantity(item.getProductId(), item.getQuantity()))
                .toList();
        carts.empty(me, Optional.of(request.getIdempotencyKey()), items);
        reply(response, EmptyCartResponse.getDefaultInstance());
    }

    private static <T> void reply(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }

    private static Cart cart(dev.meshmall.cart.biz.Cart cart) {
        Cart.Builder builder = Cart.newBuilder();
        cart.items().forEach(item -> builder.addItems(CartItem.newBuilder()
                .setProductId(item.productId().toString())
                .setQuantity(item.quantity())
                .setAddedAt(timestamp(item.addedAt()))));
        cart.updatedAt().ifPresent(time -> builder.setUpdatedAt(timestamp(time)));
        return builder.build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
