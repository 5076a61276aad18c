package dev.meshmall.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * Every request of the shop's REST API that the load tests send, each defined once with the checks that make
 * it a success. Session attributes they read: email, password, token, category, term, productId, buyCategory,
 * purchaseKey, orderId.
 */
final class Api {

    static final HttpProtocolBuilder PROTOCOL = http
            .baseUrl(RunSettings.BASE_URL)
            .acceptHeader("application/json")
            .contentTypeHeader("application/json")
            .userAgentHeader("meshmall-load-tests");

    static final String PASSWORD = "load-test-password-1";

    // account

    static final HttpRequestActionBuilder REGISTER = http("register")
            .post("/api/v1/users")
            .body(StringBody("{\"email\":\"#{email}\",\"password\":\"" + PASSWORD + "\",\"name\":\"Load Tester\"}"))
            .check(status().is(201), jsonPath("$.email").isEL("#{email}"));

    static final HttpRequestActionBuilder LOG_IN = http("log in")
            .post("/api/v1/auth/login")
            .body(StringBody("{\"email\":\"#{email}\",\"password\":\"" + PASSWORD + "\"}"))
            .check(status().is(200), jsonPath("$.access_token").saveAs("token"));

    // browse: no token, as a visitor

    static final HttpRequestActionBuilder CATEGORIES = http("categories")
            .get("/api/v1/categories")
            .check(status().is(200), jsonPath("$.items[*].slug").findRandom().saveAs("category"));

    static final HttpRequestActionBuilder CATEGORY_PAGE = http("category page")
            .get("/api/v1/products")
            .queryParam("category", "#{category}")
            .queryParam("page", 1)
            .queryParam("size", 12)
            .check(status().is(200), jsonPath("$.items[*].id").findRandom().saveAs("productId"));

    static final HttpRequestActionBuilder PRODUCT = http("product")
            .get("/api/v1/products/#{productId}")
            .check(status().is(200), jsonPath("$.id").isEL("#{productId}"), jsonPath("$.price.amount").exists());

    static final HttpRequestActionBuilder SEARCH = http("search")
            .get("/api/v1/products")
            .queryParam("q", "#{term}")
            .queryParam("page", 1)
            .queryParam("size", 12)
            .check(status().is(200), jsonPath("$.total").ofLong().gt(0L));

    // cart

    /** Products in stock of the buyers' category (the whole catalog when none is set), up to a page of 100. */
    static final HttpRequestActionBuilder PRODUCTS_IN_STOCK = http("products in stock")
            .get("/api/v1/products")
            .queryParam("category", "#{buyCategory}")
            .queryParam("page", 1)
            .queryParam("size", 100)
            .check(status().is(200), jsonPath("$.items[?(@.stock > 0)].id").findAll().saveAs("inStock"));

    static final HttpRequestActionBuilder ADD_TO_CART = http("add to cart")
            .post("/api/v1/cart/items")
            .header("Authorization", "Bearer #{token}")
            .body(StringBody("{\"product_id\":\"#{productId}\",\"quantity\":1}"))
            .check(status().is(200));

    static final HttpRequestActionBuilder CART = http("cart")
            .get("/api/v1/cart")
            .header("Authorization", "Bearer #{token}")
            .check(status().is(200), jsonPath("$.items[*]").count().isEL("#{cartLines}"));

    // buy

    static final HttpRequestActionBuilder CHECKOUT = http("checkout")
            .post("/api/v1/checkout")
            .header("Authorization", "Bearer #{token}")
            .header("Idempotency-Key", "#{purchaseKey}")
            .body(StringBody("""
                    {"address":{"name":"Load Tester","street_address":"12 St James Square","city":"London",\
                    "country":"GB","zip_code":"SW1Y 4JH"},\
                    "card":{"number":"4242424242424242","exp_month":12,"exp_year":2031,"cvv":"123",\
                    "holder_name":"Load Tester"},\
                    "email":"#{email}"}"""))
            .check(status().is(201), jsonPath("$.status").is("PAID"), jsonPath("$.order_id").saveAs("orderId"));

    static final HttpRequestActionBuilder ORDERS = http("orders")
            .get("/api/v1/orders")
            .header("Authorization", "Bearer #{token}")
            .queryParam("page", 1)
            .queryParam("size", 10)
            .check(status().is(200), jsonPath("$.items[0].id").isEL("#{orderId}"));

    private Api() {
    }
}
