package dev.meshmall.checkout.data;

import java.util.UUID;

import dev.meshmall.checkout.biz.Card;
import dev.meshmall.checkout.biz.ChargeResult;
import dev.meshmall.checkout.biz.Money;
import dev.meshmall.checkout.biz.PaymentChoice;
import dev.meshmall.checkout.biz.PaymentStatus;
import dev.meshmall.checkout.biz.Shop;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.proto.payment.v1.AbandonChargeRequest;
import dev.meshmall.proto.payment.v1.CancelPaymentRequest;
import dev.meshmall.proto.payment.v1.CardDetails;
import dev.meshmall.proto.payment.v1.ChargeRequest;
import dev.meshmall.proto.payment.v1.GetPaymentRequest;
import dev.meshmall.proto.payment.v1.Payment;
import dev.meshmall.proto.payment.v1.PaymentServiceGrpc;
import dev.meshmall.proto.payment.v1.RefundPaymentRequest;

import io.grpc.Channel;

/** payment's RPCs: the charge as the shopper (a saved card is theirs only), the rest as a system call. */
public final class GrpcPayments implements Shop.Payments {
    private final PaymentServiceGrpc.PaymentServiceBlockingStub asShopper;
    private final PaymentServiceGrpc.PaymentServiceBlockingStub asSystem;

    public GrpcPayments(Channel channel) {
        this.asShopper = PaymentServiceGrpc.newBlockingStub(channel);
        this.asSystem = GrpcClients.asSystem(PaymentServiceGrpc.newBlockingStub(channel));
    }

    @Override
    public ChargeResult charge(UUID key, UUID orderId, Money amount, PaymentChoice source) {
        ChargeRequest.Builder request = ChargeRequest.newBuilder()
                .setIdempotencyKey(key.toString())
                .setOrderId(orderId.toString())
                .setAmount(Calls.money(amount));
        switch (source) {
            case PaymentChoice.SavedCard saved -> request.setCardId(saved.cardId());
            case PaymentChoice.TypedCard typed -> request.setCard(card(typed.card()));
        }
        return result(GrpcClients.call(() -> asShopper.charge(request.build())));
    }

    @Override
    public ChargeResult find(UUID paymentId) {
        return result(GrpcClients.call(() -> asSystem
                .getPayment(GetPaymentRequest.newBuilder().setPaymentId(paymentId.toString()).build())));
    }

    @Override
    public ChargeResult abandon(UUID key, UUID owner, UUID orderId, Money amount) {
        return result(GrpcClients.call(() -> asSystem.abandonCharge(AbandonChargeRequest.newBuilder()
                .setUserId(owner.toString())
                .setIdempotencyKey(key.toString())
                .setOrderId(orderId.toString())
                .setAmount(Calls.money(amount))
                .build())));
    }

    @Override
    public ChargeResult cancel(UUID paymentId, UUID key) {
        return result(GrpcClients.call(() -> asSystem.cancelPayment(CancelPaymentRequest.newBuilder()
                .setPaymentId(paymentId.toString())
                .setIdempotencyKey(key.toString())
                .build())));
    }

    @Override
    public void refund(UUID paymentId, UUID key) {
        GrpcClients.call(() -> asSystem.refundPayment(RefundPaymentRequest.newBuilder()
                .setPaymentId(paymentId.toString())
                .setIdempotencyKey(key.toString())
                .build()));
    }

    private static CardDetails card(Card card) {
        return CardDetails.newBuilder()
                .setNumber(card.number())
                .setExpMonth(card.expMonth())
                .setExpYear(card.expYear())
                .setCvv(card.cvv())
                .setHolderName(card.holderName())
                .build();
    }

    private static ChargeResult result(Payment payment) {
        PaymentStatus status = switch (payment.getStatus()) {
            case PAYMENT_STATUS_PENDING -> PaymentStatus.PENDING;
            case PAYMENT_STATUS_SUCCEEDED -> PaymentStatus.SUCCEEDED;
            case PAYMENT_STATUS_DECLINED -> PaymentStatus.DECLINED;
            case PAYMENT_STATUS_CANCELLED -> PaymentStatus.CANCELLED;
            case PAYMENT_STATUS_REFUNDED -> PaymentStatus.REFUNDED;
            case PAYMENT_STATUS_UNSPECIFIED, UNRECOGNIZED -> throw new DomainError(ErrorKind.INTERNAL,
                    "payment_status_unknown", "payment answered an unknown status for payment " + payment.getId());
        };
        return new ChargeResult(UUID.fromString(payment.getId()), status, payment.getDeclineCode());
    }
}
