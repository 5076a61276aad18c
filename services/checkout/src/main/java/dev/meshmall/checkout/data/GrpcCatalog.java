package dev.meshmall.checkout.data;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.meshmall.checkout.biz.Offer;
import dev.meshmall.checkout.biz.Prices;
import dev.meshmall.checkout.biz.Shop;
import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.proto.product.v1.GetProductsRequest;
import dev.meshmall.proto.product.v1.GetProductsResponse;
import dev.meshmall.proto.product.v1.ProductServiceGrpc;

import io.grpc.Channel;

/** product's batch read: every price of a cart in one round trip. */
public final class GrpcCatalog implements Shop.Catalog {
    private final ProductServiceGrpc.ProductServiceBlockingStub product;

    public GrpcCatalog(Channel channel) {
        this.product = ProductServiceGrpc.newBlockingStub(channel);
    }

    @Override
    public Prices prices(List<String> productIds) {
        GetProductsResponse response = GrpcClients.call(() -> product
                .getProducts(GetProductsRequest.newBuilder().addAllProductIds(productIds).build()));
        Map<String, Offer> offers = response.getProductsList().stream()
                .map(p -> new Offer(p.getId(), p.getName(), Calls.money(p.getPrice())))
                .collect(Collectors.toMap(Offer::productId, Function.identity(), (a, b) -> a));
        return new Prices(offers, response.getMissingIdsList());
    }
}
