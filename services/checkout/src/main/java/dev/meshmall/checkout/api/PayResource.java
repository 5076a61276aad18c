package dev.meshmall.checkout.api;

import dev.meshmall.checkout.biz.CheckoutFlow;
import dev.meshmall.checkout.biz.PayRequest;
import dev.meshmall.platform.http.Json;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /api/v1/orders/{id}/pay}: pays one of the caller's orders that waits for payment (200 with the
 * order as charged, 402 when declined: the order keeps waiting). The rest of {@code /api/v1/orders} is order's;
 * the ingress sends this one path here.
 */
public final class PayResource implements HttpService {
    public static final String PATH = "/api/v1/orders";

    private final CheckoutFlow flow;

    public PayResource(CheckoutFlow flow) {
        this.flow = flow;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/{id}/pay", this::pay);
    }

    private void pay(ServerRequest req, ServerResponse res) {
        Bodies.PayBody body = Json.read(req, Bodies.PayBody.class);
        PayRequest request = new PayRequest(CheckoutResource.idempotencyKey(req),
                req.path().pathParameters().get("id"), body.paymentChoice());
        CheckoutResource.send(res, flow.pay(Requests.me(), request), Status.OK_200);
    }
}
