package dev.meshmall.order;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.meshmall.order.OrderStack.Item;
import dev.meshmall.order.OrderStack.Shopper;
import dev.meshmall.platform.log.JsonLogFormatter;
import dev.meshmall.platform.log.Logs;
import dev.meshmall.proto.order.v1.Order;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.helidon.http.HeaderNames;
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
    private static final SecureRandom RANDOM = new SecureRandom();
    private static OrderStack stack;
    private static Item kettle;
    private final List<JsonNode> accessLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final JsonLogFormatter formatter = new JsonLogFormatter("test");

        @Override
        public void publish(LogRecord record) {
            if (Logs.ACCESS_LOGGER.equals(record.getLoggerName())) {
                JsonNode line = OrderStack.json(formatter.format(record));
                synchronized (accessLines) {
                    accessLines.add(line);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

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
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void placingAnOrderReservesItsStockInTheSameTrace() {
        Shopper ada = stack.newShopper();
        String traceId = hex(16);
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + ada.token());
        headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER),
                "00-" + traceId + "-" + hex(8) + "-01");

        stack.orderGrpc().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .placeOrder(OrderStack.request("traced", kettle.times(1)).build());

        List<JsonNode> calls = productCallsOf(traceId);
        assertThat(calls, hasSize(1));
        assertThat(calls.getFirst().path("message").asText(), startsWith(PRODUCT + "ReserveStock OK"));
        assertThat(calls.getFirst().has("user_id"), is(false));
    }

    @Test
    void cancellingOverRestReleasesTheStockInTheSameTrace() {
        Shopper ada = stack.newShopper();
        Order order = stack.place(ada, kettle.times(2));
        String traceId = hex(16);
        var request = stack.http.method(Method.POST).uri("/api/v1/orders/" + order.getId() + "/cancel")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + ada.token())
                .header(HeaderNames.create("traceparent"), "00-" + traceId + "-" + hex(8) + "-01");

        try (var response = request.request()) {
            assertThat(response.status().code(), is(200));
        }

        List<JsonNode> calls = productCallsOf(traceId);
        assertThat(calls, hasSize(1));
        assertThat(calls.getFirst().path("message").asText(), startsWith(PRODUCT + "ReleaseStock OK"));
        assertThat(calls.getFirst().has("user_id"), is(false));
    }

    private List<JsonNode> productCallsOf(String traceId) {
        synchronized (accessLines) {
            return accessLines.stream()
                    .filter(line -> line.path("message").asText().startsWith(PRODUCT))
                    .filter(line -> line.path("trace_id").asText().equals(traceId))
                    .toList();
        }
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
