package dev.meshmall.product.api;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.platform.identity.Caller;
import dev.meshmall.platform.page.Page;
import dev.meshmall.platform.page.PageRequest;
import dev.meshmall.platform.scope.RequestScope;
import dev.meshmall.product.biz.Catalog;
import dev.meshmall.product.biz.Category;
import dev.meshmall.product.biz.ProductChange;
import dev.meshmall.product.biz.ProductDraft;
import dev.meshmall.product.biz.Reservation;
import dev.meshmall.product.biz.ReservedItem;
import dev.meshmall.product.biz.Shortage;
import dev.meshmall.product.biz.StockReservations;
import dev.meshmall.proto.common.v1.Money;
import dev.meshmall.proto.common.v1.PageInfo;
import dev.meshmall.proto.product.v1.CommitStockRequest;
import dev.meshmall.proto.product.v1.CommitStockResponse;
import dev.meshmall.proto.product.v1.CreateProductRequest;
import dev.meshmall.proto.product.v1.DeleteProductRequest;
import dev.meshmall.proto.product.v1.DeleteProductResponse;
import dev.meshmall.proto.product.v1.GetProductRequest;
import dev.meshmall.proto.product.v1.GetProductsRequest;
import dev.meshmall.proto.product.v1.GetProductsResponse;
import dev.meshmall.proto.product.v1.ListCategoriesRequest;
import dev.meshmall.proto.product.v1.ListCategoriesResponse;
import dev.meshmall.proto.product.v1.ListProductsRequest;
import dev.meshmall.proto.product.v1.ListProductsResponse;
import dev.meshmall.proto.product.v1.PriceChange;
import dev.meshmall.proto.product.v1.Product;
import dev.meshmall.proto.product.v1.ProductServiceGrpc;
import dev.meshmall.proto.product.v1.ReleaseStockRequest;
import dev.meshmall.proto.product.v1.ReleaseStockResponse;
import dev.meshmall.proto.product.v1.ReserveStockRequest;
import dev.meshmall.proto.product.v1.ReserveStockResponse;
import dev.meshmall.proto.product.v1.SearchProductsRequest;
import dev.meshmall.proto.product.v1.SearchProductsResponse;
import dev.meshmall.proto.product.v1.StockShortage;
import dev.meshmall.proto.product.v1.UpdateProductRequest;

import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

/**
 * The gRPC face of product: the same use cases and rules as REST. Browsing is public, catalog changes need
 * a merchant or an admin, and the stock rpcs are order's (the mesh admits them by service account). Domain
 * errors thrown here become statuses in the platform's interceptor.
 */
public final class ProductGrpc extends ProductServiceGrpc.ProductServiceImplBase {
    private final Catalog catalog;
    private final StockReservations stock;

    public ProductGrpc(Catalog catalog, StockReservations stock) {
        this.catalog = catalog;
        this.stock = stock;
    }

    @Override
    public void listProducts(ListProductsRequest request, StreamObserver<ListProductsResponse> response) {
        PageRequest page = PageRequest.orDefaults(request.getPage().getPage(), request.getPage().getSize());
        var products = catalog.browse(Optional.empty(), Optional.of(request.getCategory()), page);
        reply(response, ListProductsResponse.newBuilder()
                .addAllProducts(products.items().stream().map(ProductGrpc::product).toList())
                .setPage(pageInfo(products))
                .build());
    }

    @Override
    public void getProduct(GetProductRequest request, StreamObserver<Product> response) {
        reply(response, product(catalog.get(request.getProductId())));
    }

    @Override
    public void searchProducts(SearchProductsRequest request, StreamObserver<SearchProductsResponse> response) {
        PageRequest page = PageRequest.orDefaults(request.getPage().getPage(), request.getPage().getSize());
        var products = catalog.search(request.getQuery(), Optional.of(request.getCategory()), page);
        reply(response, SearchProductsResponse.newBuilder()
                .addAllProducts(products.items().stream().map(ProductGrpc::product).toList())
                .setPage(pageInfo(products))
                .build());
    }

    @Override
    public void getProducts(GetProductsRequest request, StreamObserver<GetProductsResponse> response) {
        var batch = catalog.getMany(request.getProductIdsList());
        reply(response, GetProductsResponse.newBuilder()
                .addAllProducts(batch.found().stream().map(ProductGrpc::product).toList())
                .addAllMissingIds(batch.missingIds())
                .build());
    }

    @Override
    public void listCategories(ListCategoriesRequest request, StreamObserver<ListCategoriesResponse> response) {
        reply(response, ListCategoriesResponse.newBuilder()
                .addAllCategories(catalog.categories().stream().map(Category::slug).toList())
                .build());
    }

    @Override
    public void createProduct(CreateProductRequest request, StreamObserver<Product> response) {
        manager();
        ProductDraft draft = new ProductDraft(request.getName(), request.getDescription(), request.getPictureUrl(),
                money(request.getPrice()), request.getCategoriesList(), request.getStock());
        reply(response, product(catalog.create(draft)));
    }

    @Override
    public void updateProduct(UpdateProductRequest request, StreamObserver<Product> response) {
        manager();
        ProductChange change = new ProductChange(
                request.hasName() ? Optional.of(request.getName()) : Optional.empty(),
                request.hasDescription() ? Optional.of(request.getDescription()) : Optional.empty(),
                request.hasPictureUrl() ? Optional.of(request.getPictureUrl()) : Optional.empty(),
                request.hasPrice() ? Optional.of(money(request.getPrice())) : Optional.empty(),
                request.hasCategories() ? Optional.of(request.getCategories().getCategoriesList()) : Optional.empty(),
                request.hasStock() ? Optional.of(request.getStock()) : Optional.empty());
        reply(response, product(catalog.update(request.getProductId(), change)));
    }

    @Override
    public void deleteProduct(DeleteProductRequest request, StreamObserver<DeleteProductResponse> response) {
        manager();
        catalog.delete(request.getProductId());
        reply(response, DeleteProductResponse.getDefaultInstance());
    }

    @Override
    public void reserveStock(ReserveStockRequest request, StreamObserver<ReserveStockResponse> response) {
        List<StockReservations.Line> lines = request.getItemsList().stream()
                .map(item -> new StockReservations.Line(item.getProductId(), item.getQuantity(),
                        item.hasExpectedUnitPrice() ? Optional.of(money(item.getExpectedUnitPrice())) : Optional.empty()))
                .toList();
        List<ReservedItem> reserved = switch (stock.reserve(request.getIdempotencyKey(), lines, request.getCurrency())) {
            case Reservation.Taken taken -> taken.items();
            case Reservation.Repeated repeated -> repeated.items();
            case Reservation.Short refused -> throw shortage(refused.items());
            case Reservation.Repriced refused -> throw repriced(refused.items());
        };
        reply(response, ReserveStockResponse.newBuilder()
                .addAllItems(reserved.stream().map(item -> dev.meshmall.proto.product.v1.ReservedItem.newBuilder()
                        .setProductId(item.productId().toString())
                        .setName(item.name())
                        .setQuantity(item.quantity())
                        .setUnitPrice(money(item.unitPrice()))
                        .build()).toList())
                .build());
    }

    @Override
    public void releaseStock(ReleaseStockRequest request, StreamObserver<ReleaseStockResponse> response) {
        stock.release(request.getIdempotencyKey());
        reply(response, ReleaseStockResponse.getDefaultInstance());
    }

    @Override
    public void commitStock(CommitStockRequest request, StreamObserver<CommitStockResponse> response) {
        stock.commit(request.getIdempotencyKey());
        reply(response, CommitStockResponse.getDefaultInstance());
    }

    /** FAILED_PRECONDITION with the short items as a {@link StockShortage} detail. */
    private static StatusRuntimeException shortage(List<Shortage> items) {
        StockShortage detail = StockShortage.newBuilder()
                .addAllItems(items.stream().map(item -> StockShortage.ShortItem.newBuilder()
                        .setProductId(item.productId().toString())
                        .setRequested(item.requested())
                        .setAvailable(item.available())
                        .build()).toList())
                .build();
        return GrpcErrors.toStatus(StockReservations.shortage(items), detail);
    }

    /** FAILED_PRECONDITION with the repriced items as a {@link PriceChange} detail, as {@link #shortage} does. */
    private static StatusRuntimeException repriced(List<dev.meshmall.product.biz.PriceChange> items) {
        PriceChange.Builder detail = PriceChange.newBuilder();
        for (var item : items) {
            PriceChange.ChangedItem.Builder changed = PriceChange.ChangedItem.newBuilder()
                    .setProductId(item.productId().toString())
                    .setUnitPrice(money(item.current()));
            item.expected().ifPresent(expected -> changed.setExpectedUnitPrice(money(expected)));
            detail.addItems(changed);
        }
        return GrpcErrors.toStatus(StockReservations.repriced(items), detail.build());
    }

    private static void manager() {
        RequestScope.requireCaller().requireAnyRole(Caller.MERCHANT, Caller.ADMIN);
    }

    private static Money money(dev.meshmall.product.biz.Money money) {
        return Money.newBuilder().setAmount(money.amount()).setCurrency(money.currency()).build();
    }

    private static dev.meshmall.product.biz.Money money(Money money) {
        return new dev.meshmall.product.biz.Money(money.getAmount(), money.getCurrency());
    }

    private static PageInfo pageInfo(Page<?> page) {
        return PageInfo.newBuilder().setPage(page.page()).setSize(page.size()).setTotal(page.total()).build();
    }

    private static Product product(dev.meshmall.product.biz.Product p) {
        return Product.newBuilder()
                .setId(p.id().toString())
                .setName(p.name())
                .setDescription(p.description())
                .setPictureUrl(p.pictureUrl())
                .setPrice(Money.newBuilder().setAmount(p.price().amount()).setCurrency(p.price().currency()))
                .addAllCategories(p.categories())
                .setStock(p.stock())
                .setCreatedAt(timestamp(p.createdAt()))
                .setUpdatedAt(timestamp(p.updatedAt()))
                .build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static <T> void reply(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }
}
