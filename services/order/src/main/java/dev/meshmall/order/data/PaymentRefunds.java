package dev.meshmall.order.data;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.meshmall.order.biz.Refunds;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.payment.v1.PaymentServiceGrpc;
import dev.meshmall.proto.payment.v1.RefundPaymentRequest;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;

/**
 * Payment's RefundPayment over gRPC, as a system call: order vouches for the owner, who checked in through order's
 * own API (payment's contract allows the call by order's service account). It runs while the order's row is
 * locked, so it has a deadline of its own.
 */
public final class PaymentRefunds implements Refunds {
    private static final long DEADLINE_SECONDS = 10;

    private final PaymentServiceGrpc.PaymentServiceBlockingStub payment;

    public PaymentRefunds(Channel channel) {
        this.payment = GrpcClients.asSystem(PaymentServiceGrpc.newBlockingStub(channel));
    }

    @Override
    public void refund(UUID paymentId, UUID orderId) {
        RefundPaymentRequest request = RefundPaymentRequest.newBuilder()
                .setPaymentId(paymentId.toString())
                .setIdempotencyKey(orderId.toString())
                .build();
        try {
            payment.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).refundPayment(request);
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
