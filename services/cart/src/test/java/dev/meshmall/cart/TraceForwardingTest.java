package dev.meshmall.cart;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.meshmall.cart.CartStack.Shopper;
import dev.meshmall.proto.cart.v1.AddItemRequest;
import dev.meshmall.testing.AccessLines;
import dev.meshmall.testing.AccessLines.Trace;
import dev.meshmall.testing.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.meshmall.cart.CartStack.ITEMS;
import static dev.meshmall.cart.CartStack.item;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * A request to cart and the product calls it makes are one trace: the trace headers and the shopper's token
 * cross to product. Proved by product's own access lines, formatted as the services log them (the formatter
 * reads the request scope that product's gRPC edge set from the headers it received).
 */
class TraceForwardingTest {
    private static final String GET_PRODUCTS = "grpc meshmall.product.v1.ProductService/GetProducts ";
    private static CartStack stack;
    private static String mug;
    private AccessLines accessLines;

    @BeforeAll
    static void start() {
        stack = CartStack.start();
        mug = stack.newProduct("Blue mug", 1250, "USD");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    /** After the services started, since each start resets the loggers. */
    @BeforeEach
    void listen() {
        accessLines = AccessLines.listen();
    }

    @AfterEach
    void stopListening() {
        accessLines.close();
    }

    @Test
    void aTraceparentSentToCartReachesProductWithTheShoppersToken() {
        Shopper me = stack.newShopper();
        Trace trace = Trace.start();

        Reply added = stack.post(ITEMS, item(mug, 1), me.token(), Map.of("traceparent", trace.traceparent()));

        assertThat(added.status(), is(200));
        List<JsonNode> productCalls = accessLines.where(GET_PRODUCTS, "trace_id", trace.id());
        // one call both checks that the product is on sale and prices the cart answered
        assertThat(productCalls, hasSize(1));
        for (JsonNode call : productCalls) {
            assertThat(call.path("message").asText(), startsWith(GET_PRODUCTS + "OK"));
            assertThat(call.path("user_id").asText(), is(me.id()));
        }
    }

    @Test
    void aTraceparentSentToCartsGrpcReachesProduct() {
        Shopper me = stack.newShopper();
        Trace trace = Trace.start();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), trace.traceparent());

        stack.cartGrpc(me)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .addItem(AddItemRequest.newBuilder().setProductId(mug).setQuantity(1).build());

        List<JsonNode> productCalls = accessLines.where(GET_PRODUCTS, "trace_id", trace.id());
        assertThat(productCalls, hasSize(1));
        assertThat(productCalls.getFirst().path("user_id").asText(), is(me.id()));
    }

    @Test
    void theRequestIdCrossesToProductToo() {
        Shopper me = stack.newShopper();
        stack.add(me, mug, 1);
        String requestId = UUID.randomUUID().toString();

        Reply read = stack.get(CartStack.CART, me.token(), Map.of("x-request-id", requestId));

        assertThat(read.status(), is(200));
        List<JsonNode> productCalls = accessLines.where(GET_PRODUCTS, "request_id", requestId);
        assertThat(productCalls, hasSize(1));
        assertThat(productCalls.getFirst().path("user_id").asText(), is(me.id()));
    }
}
