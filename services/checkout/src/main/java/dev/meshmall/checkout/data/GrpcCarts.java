package dev.meshmall.checkout.data;

import java.util.List;
import java.util.UUID;

import dev.meshmall.checkout.biz.CartLine;
import dev.meshmall.checkout.biz.Shop;
import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.proto.cart.v1.CartServiceGrpc;
import dev.meshmall.proto.cart.v1.EmptyCartRequest;
import dev.meshmall.proto.cart.v1.GetCartRequest;
import dev.meshmall.proto.cart.v1.ItemQuantity;

import io.grpc.Channel;

/** The shopper's cart, as the shopper. */
public final class GrpcCarts implements Shop.Carts {
    private final CartServiceGrpc.CartServiceBlockingStub cart;

    public GrpcCarts(Channel channel) {
        this.cart = CartServiceGrpc.newBlockingStub(channel);
    }

    @Override
    public List<CartLine> read() {
        return GrpcClients.call(() -> cart.getCart(GetCartRequest.getDefaultInstance())).getItemsList()
                .stream()
                .map(item -> new CartLine(item.getProductId(), item.getQuantity()))
                .toList();
    }

    @Override
    public void remove(UUID key, List<CartLine> bought) {
        EmptyCartRequest request = EmptyCartRequest.newBuilder()
                .setIdempotencyKey(key.toString())
                .addAllItems(bought.stream().map(line -> ItemQuantity.newBuilder()
                        .setProductId(line.productId())
                        .setQuantity(line.quantity())
                        .build()).toList())
                .build();
        GrpcClients.call(() -> cart.emptyCart(request));
    }
}
