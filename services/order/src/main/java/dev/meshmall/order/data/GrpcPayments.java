package dev.meshmall.order.data;

import java.util.Optional;
import java.util.UUID;

import dev.meshmall.order.biz.Money;
import dev.meshmall.order.biz.Payment;
import dev.meshmall.order.biz.Payments;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.payment.v1.GetPaymentRequest;
import dev.meshmall.proto.payment.v1.PaymentServiceGrpc;
import dev.meshmall.proto.payment.v1.PaymentStatus;
import dev.meshmall.proto.payment.v1.RefundPaymentRequest;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Payment's GetPayment and RefundPayment over gRPC, as system calls: order establishes what payment records of a
 * payment itself, whoever asked order to mark an order paid, and vouches for the owner of a refunded order, who
 * cancelled it through order's own API (payment's contract allows both calls by order's service account). Both run
 * while the order's row is locked, bounded by the platform's deadline on every call.
 */
public final class GrpcPayments implements Payments {
    private final PaymentServiceGrpc.PaymentServiceBlockingStub payment;

    public GrpcPayments(Channel channel) {
        this.payment = GrpcClients.asSystem(PaymentServiceGrpc.newBlockingStub(channel));
    }

    @Override
    public Optional<Payment> find(UUID paymentId) {
        try {
            var found = payment.getPayment(GetPaymentRequest.newBuilder().setPaymentId(paymentId.toString()).build());
            return Optional.of(new Payment(UUID.fromString(found.getId()), UUID.fromString(found.getOrderId()),
                    found.getStatus() == PaymentStatus.PAYMENT_STATUS_SUCCEEDED,
                    new Money(found.getAmount().getAmount(), found.getAmount().getCurrency())));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw GrpcErrors.toDomain(e);
        }
    }

    @Override
    public void refund(UUID paymentId, UUID orderId) {
        RefundPaymentRequest request = RefundPaymentRequest.newBuilder()
                .setPaymentId(paymentId.toString())
                .setIdempotencyKey(orderId.toString())
                .build();
        try {
            payment.refundPayment(request);
        } catch (StatusRuntimeException e) {
            throw switch (e.getStatus().getCode()) {
                case NOT_FOUND, FAILED_PRECONDITION -> DomainError.conflict("refund_refused",
                        "the payment service refused to refund the order's payment ("
                                + GrpcErrors.toDomain(e).code() + "); the order stays paid");
                default -> GrpcErrors.toDomain(e);
            };
        }
    }
}
