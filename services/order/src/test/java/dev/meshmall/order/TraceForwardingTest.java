package dev.meshmall.order;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.meshmall.order.OrderStack.Item;
import dev.meshmall.order.OrderStack.Shopper;
import dev.meshmall.proto.order.v1.Order;
import dev.meshmall.testing.AccessLines;
import dev.meshmall.testing.AccessLines.Trace;
import dev.meshmall.testing.Reply;
import dev.meshmall.testing.Rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.helidon.http.Method;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/**
 * Order's calls to product belong to the trace of the request that made them, and are system calls: the trace
 * headers cross, the shopper's token does not (product's stock rpcs are order's own). Proved by product's
 * access lines, formatted as the services log them.
 */
class TraceForwardingTest {
    private static final String PRODUCT = "grpc meshmall.product.v1.ProductService/";
    private static OrderStack stack;
    private static Item kettle;
    private AccessLines accessLines;

    @BeforeAll
    static void start() {
        stack = OrderStack.start();
        kettle = stack.newProduct("Kettle", 3_900, 100);
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
    void placingAnOrderReservesItsStockInTheSameTrace() {
        Shopper ada = stack.newShopper();
        Trace trace = Trace.start();
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), trace.traceparent());

        stack.orderGrpc(ada.token()).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .placeOrder(OrderStack.request("traced", kettle.times(1)).build());

        List<JsonNode> calls = accessLines.where(PRODUCT, "trace_id", trace.id());
        assertThat(calls, hasSize(1));
        assertThat(calls.getFirst().path("message").asText(), startsWith(PRODUCT + "ReserveStock OK"));
        assertThat(calls.getFirst().has("user_id"), is(false));
    }

    @Test
    void cancellingOverRestReleasesTheStockInTheSameTrace() {
        Shopper ada = stack.newShopper();
        Order order = stack.place(ada, kettle.times(2));
        Trace trace = Trace.start();

        Reply cancelled = Rest.send(stack.http, Method.POST, "/api/v1/orders/" + order.getId() + "/cancel",
                Optional.empty(), Optional.of(ada.token()), Map.of("traceparent", trace.traceparent()));

        assertThat(cancelled.status(), is(200));

        List<JsonNode> calls = accessLines.where(PRODUCT, "trace_id", trace.id());
        assertThat(calls, hasSize(1));
        assertThat(calls.getFirst().path("message").asText(), startsWith(PRODUCT + "ReleaseStock OK"));
        assertThat(calls.getFirst().has("user_id"), is(false));
    }
}
