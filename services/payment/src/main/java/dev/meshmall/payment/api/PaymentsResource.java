package dev.meshmall.payment.api;

import java.time.Instant;

import dev.meshmall.payment.biz.Actor;
import dev.meshmall.payment.biz.Money;
import dev.meshmall.payment.biz.Payment;
import dev.meshmall.payment.biz.Payments;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /api/v1/payments}: the caller's own payments, shown with the card's brand and last 4 digits only.
 * Payments are made by checkout over gRPC, so there is no route to make one here.
 */
public final class PaymentsResource implements HttpService {
    public static final String PATH = "/api/v1/payments";

    private final Payments payments;

    public PaymentsResource(Payments payments) {
        this.payments = payments;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{id}", this::get);
    }

    private void get(ServerRequest req, ServerResponse res) {
        Actor me = Actor.user(Requests.me());
        res.send(PaymentView.of(payments.get(me, req.path().pathParameters().get("id"))));
    }

    /** A payment on the wire (snake_case); decline_code is null unless declined. */
    record PaymentView(String id, String orderId, String status, Money amount, String declineCode, String cardBrand,
                       String cardLast4, Instant createdAt, Instant updatedAt) {
        static PaymentView of(Payment p) {
            return new PaymentView(p.id().toString(), p.orderId().toString(), p.status().name(), p.amount(),
                    p.declineCode().isEmpty() ? null : p.declineCode(), p.cardBrand(), p.cardLast4(), p.createdAt(),
                    p.updatedAt());
        }
    }
}
