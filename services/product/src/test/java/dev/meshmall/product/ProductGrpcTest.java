package dev.meshmall.product;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.common.v1.Money;
import dev.meshmall.proto.common.v1.PageRequest;
import dev.meshmall.proto.product.v1.CategoryList;
import dev.meshmall.proto.product.v1.CreateProductRequest;
import dev.meshmall.proto.product.v1.DeleteProductRequest;
import dev.meshmall.proto.product.v1.GetProductRequest;
import dev.meshmall.proto.product.v1.GetProductsRequest;
import dev.meshmall.proto.product.v1.GetProductsResponse;
import dev.meshmall.proto.product.v1.ListCategoriesRequest;
import dev.meshmall.proto.product.v1.ListProductsRequest;
import dev.meshmall.proto.product.v1.ListProductsResponse;
import dev.meshmall.proto.product.v1.Product;
import dev.meshmall.proto.product.v1.SearchProductsRequest;
import dev.meshmall.proto.product.v1.SearchProductsResponse;
import dev.meshmall.proto.product.v1.UpdateProductRequest;
import dev.meshmall.testing.TestServices;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The catalog rpcs: the same rules as REST, public browsing, catalog changes for merchants and admins. */
class ProductGrpcTest {
    private static ProductStack stack;

    @BeforeAll
    static void start() {
        stack = ProductStack.start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void grpcurlAndEvansCanListTheProductService() {
        assertThat(TestServices.reflectedServices(stack.productChannel), hasItem("meshmall.product.v1.ProductService"));
    }

    @Test
    void aMerchantCreatesAProductThatAnyoneGets() {
        Product created = stack.grpc(stack.merchant).createProduct(create("Ceramic Teapot", 2599, 12, "Kitchen", "tea"));

        assertThat(created.getName(), is("Ceramic Teapot"));
        assertThat(created.getPrice(), is(usd(2599)));
        assertThat(created.getCategoriesList(), contains("kitchen", "tea"));
        assertThat(created.getStock(), is(12));
        assertThat(created.getCreatedAt().getSeconds() > 0, is(true));
        Product read = stack.grpc().getProduct(GetProductRequest.newBuilder().setProductId(created.getId()).build());
        assertThat(read, is(created));
        assertThat(stack.get("/api/v1/products/" + created.getId()).json().get("name").asText(), is("Ceramic Teapot"));
    }

    @Test
    void updateChangesOnlyTheFieldsThatAreSet() {
        Product created = stack.grpc(stack.admin).createProduct(create("Pepper Mill", 1999, 8, "kitchen", "spice"));

        Product renamed = stack.grpc(stack.merchant).updateProduct(UpdateProductRequest.newBuilder()
                .setProductId(created.getId()).setName("Oak Pepper Mill").build());
        assertThat(renamed.getName(), is("Oak Pepper Mill"));
        assertThat(renamed.getDescription(), is(created.getDescription()));
        assertThat(renamed.getPrice(), is(created.getPrice()));
        assertThat(renamed.getCategoriesList(), is(created.getCategoriesList()));
        assertThat(renamed.getStock(), is(8));

        Product repriced = stack.grpc(stack.merchant).updateProduct(UpdateProductRequest.newBuilder()
                .setProductId(created.getId()).setPrice(usd(2499)).setStock(0)
                .setCategories(CategoryList.newBuilder().addCategories("grinders")).build());
        assertThat(repriced.getName(), is("Oak Pepper Mill"));
        assertThat(repriced.getPrice(), is(usd(2499)));
        assertThat(repriced.getStock(), is(0));
        assertThat(repriced.getCategoriesList(), contains("grinders"));

        Product cleared = stack.grpc(stack.merchant).updateProduct(UpdateProductRequest.newBuilder()
                .setProductId(created.getId()).setCategories(CategoryList.getDefaultInstance())
                .setDescription("").setPictureUrl("").build());
        assertThat(cleared.getCategoriesList(), is(empty()));
        assertThat(cleared.getDescription(), is(""));
        assertThat(cleared.getPictureUrl(), is(""));
        assertThat(cleared.getName(), is("Oak Pepper Mill"));
    }

    @Test
    void deleteIsSoftAndIdempotent() {
        Product created = stack.grpc(stack.merchant).createProduct(create("Old Stock", 100, 1));
        DeleteProductRequest delete = DeleteProductRequest.newBuilder().setProductId(created.getId()).build();

        stack.grpc(stack.merchant).deleteProduct(delete);
        stack.grpc(stack.merchant).deleteProduct(delete);

        assertThat(code(() -> stack.grpc().getProduct(GetProductRequest.newBuilder().setProductId(created.getId())
                .build())), is(Status.Code.NOT_FOUND));
        assertThat(code(() -> stack.grpc(stack.merchant).updateProduct(UpdateProductRequest.newBuilder()
                .setProductId(created.getId()).setName("Revived").build())), is(Status.Code.NOT_FOUND));
        assertThat(code(() -> stack.grpc(stack.merchant).deleteProduct(DeleteProductRequest.newBuilder()
                .setProductId(UUID.randomUUID().toString()).build())), is(Status.Code.NOT_FOUND));
    }

    @Test
    void onlyMerchantsAndAdminsChangeTheCatalog() {
        Product product = stack.grpc(stack.merchant).createProduct(create("Guarded Item", 500, 5));
        List<String> before = stack.everyStoredRow();
        CreateProductRequest create = create("Intruder", 1, 1);
        UpdateProductRequest update = UpdateProductRequest.newBuilder().setProductId(product.getId())
                .setName("Hijacked").build();
        DeleteProductRequest delete = DeleteProductRequest.newBuilder().setProductId(product.getId()).build();

        assertThat(code(() -> stack.grpc(stack.customer).createProduct(create)), is(Status.Code.PERMISSION_DENIED));
        assertThat(code(() -> stack.grpc(stack.customer).updateProduct(update)), is(Status.Code.PERMISSION_DENIED));
        assertThat(code(() -> stack.grpc(stack.customer).deleteProduct(delete)), is(Status.Code.PERMISSION_DENIED));
        assertThat(code(() -> stack.grpc().createProduct(create)), is(Status.Code.UNAUTHENTICATED));
        assertThat(code(() -> stack.grpc().updateProduct(update)), is(Status.Code.UNAUTHENTICATED));
        assertThat(code(() -> stack.grpc().deleteProduct(delete)), is(Status.Code.UNAUTHENTICATED));
        assertThat(code(() -> stack.grpc("forged.token.here").createProduct(create)), is(Status.Code.UNAUTHENTICATED));

        assertThat(stack.everyStoredRow(), is(before));
    }

    @Test
    void invalidProductsAreRefusedWithTheField() {
        List<String> before = stack.everyStoredRow();
        assertInvalid(create("", 100, 1), "name");
        assertInvalid(create("x".repeat(201), 100, 1), "name");
        assertInvalid(create("Negative", -1, 1), "price.amount");
        assertInvalid(create("Bad Currency", 100, 1).toBuilder().setPrice(Money.newBuilder().setAmount(1)
                .setCurrency("usd")).build(), "price.currency");
        assertInvalid(create("No Price", 100, 1).toBuilder().clearPrice().build(), "price.currency");
        assertInvalid(create("Negative Stock", 100, -1), "stock");
        assertInvalid(create("Ftp Picture", 100, 1).toBuilder().setPictureUrl("ftp://example.com/a.png").build(),
                "picture_url");
        assertInvalid(create("Bad Category", 100, 1, "not a slug"), "categories");
        assertThat(stack.everyStoredRow(), is(before));
    }

    @Test
    void listProductsPagesByNameAndFiltersByCategory() {
        String category = "grpc-list-" + UUID.randomUUID().toString().substring(0, 8);
        for (String name : List.of("Gamma", "Alpha", "Beta")) {
            stack.grpc(stack.merchant).createProduct(create(name + " Gadget", 100, 1, category));
        }

        ListProductsResponse first = stack.grpc().listProducts(ListProductsRequest.newBuilder()
                .setCategory(category).setPage(PageRequest.newBuilder().setSize(2)).build());
        ListProductsResponse second = stack.grpc().listProducts(ListProductsRequest.newBuilder()
                .setCategory(category).setPage(PageRequest.newBuilder().setPage(2).setSize(2)).build());
        ListProductsResponse defaults = stack.grpc().listProducts(ListProductsRequest.newBuilder()
                .setCategory(category).build());

        assertThat(names(first.getProductsList()), contains("Alpha Gadget", "Beta Gadget"));
        assertThat(first.getPage().getTotal(), is(3L));
        assertThat(names(second.getProductsList()), contains("Gamma Gadget"));
        assertThat(defaults.getPage().getPage(), is(1));
        assertThat(defaults.getPage().getSize(), is(20));
        assertThat(stack.grpc().listProducts(ListProductsRequest.getDefaultInstance()).getPage().getTotal() >= 3,
                is(true));
    }

    @Test
    void badPagesAreInvalidArguments() {
        for (PageRequest page : List.of(PageRequest.newBuilder().setPage(-1).build(),
                PageRequest.newBuilder().setSize(-1).build(), PageRequest.newBuilder().setSize(101).build())) {
            assertThat(page.toString(), code(() -> stack.grpc().listProducts(ListProductsRequest.newBuilder()
                    .setPage(page).build())), is(Status.Code.INVALID_ARGUMENT));
            assertThat(page.toString(), code(() -> stack.grpc().searchProducts(SearchProductsRequest.newBuilder()
                    .setQuery("lamp").setPage(page).build())), is(Status.Code.INVALID_ARGUMENT));
        }
    }

    @Test
    void searchProductsFindsByWordsBestFirst() {
        stack.grpc(stack.merchant).createProduct(create("Hiking Boots", 12999, 4, "outdoor").toBuilder()
                .setDescription("Waterproof leather for long trails.").build());
        stack.grpc(stack.merchant).createProduct(create("Trail Map", 999, 4, "outdoor").toBuilder()
                .setDescription("Every path of the park, for hikers.").build());

        SearchProductsResponse found = stack.grpc().searchProducts(SearchProductsRequest.newBuilder()
                .setQuery("trails").build());
        SearchProductsResponse stemmed = stack.grpc().searchProducts(SearchProductsRequest.newBuilder()
                .setQuery("hike").setCategory("outdoor").build());
        SearchProductsResponse none = stack.grpc().searchProducts(SearchProductsRequest.newBuilder()
                .setQuery("trails").setCategory("kitchen").build());

        assertThat("the name weighs more than the description", names(found.getProductsList()),
                contains("Trail Map", "Hiking Boots"));
        assertThat(found.getPage().getTotal(), is(2L));
        assertThat(names(stemmed.getProductsList()), contains("Hiking Boots"));
        assertThat(none.getProductsList(), is(empty()));
        assertThat(code(() -> stack.grpc().searchProducts(SearchProductsRequest.newBuilder().setQuery("  ").build())),
                is(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void getProductsAnswersManyAtOnceWithTheMissingIds() {
        Product one = stack.grpc(stack.merchant).createProduct(create("Batch One", 100, 1));
        Product two = stack.grpc(stack.merchant).createProduct(create("Batch Two", 200, 2));
        Product deleted = stack.grpc(stack.merchant).createProduct(create("Batch Deleted", 300, 3));
        stack.grpc(stack.merchant).deleteProduct(DeleteProductRequest.newBuilder().setProductId(deleted.getId()).build());
        String absent = UUID.randomUUID().toString();

        GetProductsResponse batch = stack.asCart().getProducts(GetProductsRequest.newBuilder()
                .addAllProductIds(List.of(one.getId(), two.getId(), one.getId(), deleted.getId(), absent, "nonsense"))
                .build());

        assertThat(names(batch.getProductsList()), containsInAnyOrder("Batch One", "Batch Two"));
        assertThat(batch.getMissingIdsList(), containsInAnyOrder(deleted.getId(), absent, "nonsense"));
        assertThat(stack.asCart().getProducts(GetProductsRequest.getDefaultInstance()).getProductsList(), is(empty()));
    }

    @Test
    void getProductsTakesAtMostAHundredIds() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        assertThat(code(() -> stack.asCart().getProducts(GetProductsRequest.newBuilder().addAllProductIds(ids).build())),
                is(Status.Code.INVALID_ARGUMENT));
        GetProductsResponse hundred = stack.asCart().getProducts(GetProductsRequest.newBuilder()
                .addAllProductIds(ids.subList(0, 100)).build());
        assertThat(hundred.getMissingIdsCount(), is(100));
    }

    @Test
    void listCategoriesAnswersTheCategoriesInUseSorted() {
        stack.grpc(stack.merchant).createProduct(create("Zither", 100, 1, "music", "strings"));
        Product gone = stack.grpc(stack.merchant).createProduct(create("Ghost", 100, 1, "ghost-category"));
        stack.grpc(stack.merchant).deleteProduct(DeleteProductRequest.newBuilder().setProductId(gone.getId()).build());

        List<String> categories = stack.grpc().listCategories(ListCategoriesRequest.getDefaultInstance())
                .getCategoriesList();

        assertThat(categories, hasItem("music"));
        assertThat(categories, hasItem("strings"));
        assertThat(categories, not(hasItem("ghost-category")));
        assertThat(categories, is(categories.stream().sorted().toList()));
    }

    @Test
    void malformedAndUnknownIdsAreNotFound() {
        for (String id : List.of("", "x", UUID.randomUUID().toString())) {
            assertThat(id, code(() -> stack.grpc().getProduct(GetProductRequest.newBuilder().setProductId(id).build())),
                    is(Status.Code.NOT_FOUND));
        }
    }

    // ---- helpers

    static CreateProductRequest create(String name, long amount, int stock, String... categories) {
        return CreateProductRequest.newBuilder()
                .setName(name)
                .setDescription("Described: " + name)
                .setPictureUrl("https://picsum.photos/seed/" + UUID.randomUUID() + "/640/480")
                .setPrice(usd(amount))
                .addAllCategories(List.of(categories))
                .setStock(stock)
                .build();
    }

    static Money usd(long amount) {
        return Money.newBuilder().setAmount(amount).setCurrency("USD").build();
    }

    static List<String> names(List<Product> products) {
        return products.stream().map(Product::getName).toList();
    }

    static Status.Code code(Executable call) {
        return assertThrows(StatusRuntimeException.class, call).getStatus().getCode();
    }

    private static void assertInvalid(CreateProductRequest request, String field) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> stack.grpc(stack.merchant).createProduct(request));
        assertThat(request.getName(), e.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
        assertThat(request.getName(), GrpcErrors.code(e), is("invalid_field"));
        assertThat(request.getName(), e.getStatus().getDescription().contains(field), is(true));
    }
}
