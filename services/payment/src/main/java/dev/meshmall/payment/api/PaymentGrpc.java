package dev.meshmall.payment.api;

import java.time.Instant;
import java.util.Optional;

import dev.meshmall.payment.biz.CardDetails;
import dev.meshmall.payment.biz.CardSource;
import dev.meshmall.payment.biz.CardVault;
import dev.meshmall.payment.biz.ChargeRequest;
import dev.meshmall.payment.biz.Payments;
import dev.meshmall.payment.biz.VaultedCard;
import dev.meshmall.proto.common.v1.Money;
import dev.meshmall.proto.payment.v1.AbandonChargeRequest;
import dev.meshmall.proto.payment.v1.CancelPaymentRequest;
import dev.meshmall.proto.payment.v1.CardToken;
import dev.meshmall.proto.payment.v1.GetPaymentRequest;
import dev.meshmall.proto.payment.v1.Payment;
import dev.meshmall.proto.payment.v1.PaymentServiceGrpc;
import dev.meshmall.proto.payment.v1.PaymentStatus;
import dev.meshmall.proto.payment.v1.RefundPaymentRequest;
import dev.meshmall.proto.payment.v1.TokenizeCardRequest;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;

/**
 * The gRPC face of payment, which is most of it: checkout charges and cancels, order refunds, user tokenizes.
 * Domain errors thrown here become statuses in the platform's interceptor.
 */
public final class PaymentGrpc extends PaymentServiceGrpc.PaymentServiceImplBase {
    private final Payments payments;
    private final CardVault vault;

    public PaymentGrpc(Payments payments, CardVault vault) {
        this.payments = payments;
        this.vault = vault;
    }

    @Override
    public void charge(dev.meshmall.proto.payment.v1.ChargeRequest request, StreamObserver<Payment> response) {
        var me = Requests.me();
        CardSource source = switch (request.getSourceCase()) {
            case CARD_ID -> new CardSource.Saved(request.getCardId());
            case CARD -> new CardSource.Typed(card(request.getCard()));
            case SOURCE_NOT_SET -> new CardSource.Missing();
        };
        ChargeRequest charge = new ChargeRequest(request.getIdempotencyKey(), request.getOrderId(),
                request.hasAmount() ? Optional.of(new dev.meshmall.payment.biz.Money(request.getAmount().getAmount(),
                        request.getAmount().getCurrency())) : Optional.empty(), source);
        reply(response, payment(payments.charge(me, charge)));
    }

    @Override
    public void getPayment(GetPaymentRequest request, StreamObserver<Payment> response) {
        reply(response, payment(payments.get(Requests.actor(), request.getPaymentId())));
    }

    @Override
    public void cancelPayment(CancelPaymentRequest request, StreamObserver<Payment> response) {
        reply(response, payment(payments.cancel(Requests.actor(), request.getPaymentId())));
    }

    @Override
    public void refundPayment(RefundPaymentRequest request, StreamObserver<Payment> response) {
        reply(response, payment(payments.refund(Requests.actor(), request.getPaymentId(),
                request.getIdempotencyKey())));
    }

    @Override
    public void abandonCharge(AbandonChargeRequest request, StreamObserver<Payment> response) {
        reply(response, payment(payments.abandon(Requests.actor(), request.getUserId(), request.getIdempotencyKey(),
                request.getOrderId(), request.getAmount().getAmount(), request.getAmount().getCurrency())));
    }

    @Override
    public void tokenizeCard(TokenizeCardRequest request, StreamObserver<CardToken> response) {
        var me = Requests.me();
        VaultedCard card = vault.tokenize(me, card(request.getCard()));
        reply(response, CardToken.newBuilder()
                .setToken(card.token())
                .setBrand(card.brand())
                .setLast4(card.last4())
                .setExpMonth(card.expMonth())
                .setExpYear(card.expYear())
                .build());
    }

    private static <T> void reply(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }

    private static CardDetails card(dev.meshmall.proto.payment.v1.CardDetails card) {
        return new CardDetails(card.getNumber(), card.getExpMonth(), card.getExpYear(), card.getCvv(),
                card.getHolderName());
    }

    private static Payment payment(dev.meshmall.payment.biz.Payment p) {
        return Payment.newBuilder()
                .setId(p.id().toString())
                .setOrderId(p.orderId().toString())
                .setStatus(status(p.status()))
                .setAmount(Money.newBuilder().setAmount(p.amount().amount()).setCurrency(p.amount().currency()))
                .setDeclineCode(p.declineCode())
                .setCardBrand(p.cardBrand())
                .setCardLast4(p.cardLast4())
                .setCreatedAt(timestamp(p.createdAt()))
                .setUpdatedAt(timestamp(p.updatedAt()))
                .build();
    }

    private static PaymentStatus status(dev.meshmall.payment.biz.PaymentStatus status) {
        return switch (status) {
            case PENDING -> PaymentStatus.PAYMENT_STATUS_PENDING;
            case SUCCEEDED -> PaymentStatus.PAYMENT_STATUS_SUCCEEDED;
            case DECLINED -> PaymentStatus.PAYMENT_STATUS_DECLINED;
            case CANCELLED -> PaymentStatus.PAYMENT_STATUS_CANCELLED;
            case REFUNDED -> PaymentStatus.PAYMENT_STATUS_REFUNDED;
        };
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
