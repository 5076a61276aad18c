package dev.meshmall.cart.data;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.meshmall.cart.biz.Catalog;
import dev.meshmall.cart.biz.Money;
import dev.meshmall.cart.biz.Product;
import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.proto.product.v1.GetProductsRequest;
import dev.meshmall.proto.product.v1.ProductServiceGrpc;

import io.grpc.Channel;

/**
 * The product service over gRPC: {@code GetProducts}, one round trip for a whole cart. The call is made for
 * the shopper (their token and the trace headers are forwarded by the platform's channel).
 */
public final class ProductCatalog implements Catalog {
    private final ProductServiceGrpc.ProductServiceBlockingStub products;

    public ProductCatalog(Channel channel) {
        this.products = ProductServiceGrpc.newBlockingStub(channel);
    }

    @Override
    public Map<UUID, Product> find(Set<UUID> ids) {
        GetProductsRequest request = GetProductsRequest.newBuilder()
                .addAllProductIds(ids.stream().map(UUID::toString).toList())
                .build();
        return GrpcClients.call(() -> products.getProducts(request)).getProductsList().stream()
                .map(ProductCatalog::product)
                .filter(product -> ids.contains(product.id()))
                .collect(Collectors.toMap(Product::id, Function.identity(), (a, b) -> a));
    }

    private static Product product(dev.meshmall.proto.product.v1.Product p) {
        return new Product(UUID.fromString(p.getId()), p.getName(), p.getPictureUrl(),
                new Money(p.getPrice().getAmount(), p.getPrice().getCurrency()));
    }
}
