package dev.meshmall.checkout.api;

import dev.meshmall.checkout.biz.CheckoutFlow;
import dev.meshmall.checkout.biz.CheckoutRequest;
import dev.meshmall.checkout.biz.Receipt;
import dev.meshmall.platform.http.Json;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /api/v1/checkout}: buys the caller's cart. 201 with the order as charged; a declined card is a 402
 * problem naming the cancelled order. The Idempotency-Key header is required (400 without).
 */
public final class CheckoutResource implements HttpService {
    public static final String PATH = "/api/v1/checkout";
    static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");

    private final CheckoutFlow flow;

    public CheckoutResource(CheckoutFlow flow) {
        this.flow = flow;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::checkout);
    }

    private void checkout(ServerRequest req, ServerResponse res) {
        Bodies.CheckoutBody body = Json.read(req, Bodies.CheckoutBody.class);
        CheckoutRequest request = new CheckoutRequest(idempotencyKey(req), body.addressChoice(), body.paymentChoice(),
                Requests.text(body.email()));
        send(res, flow.checkout(Requests.me(), request), Status.CREATED_201);
    }

    static String idempotencyKey(ServerRequest req) {
        return req.headers().first(IDEMPOTENCY_KEY).orElse("");
    }

    static void send(ServerResponse res, Receipt receipt, Status status) {
        if (receipt.declined()) {
            throw Bodies.declined(receipt);
        }
        res.status(status).send(Bodies.ReceiptView.of(receipt));
    }
}
