package dev.meshmall.payment.data;

import java.util.Optional;
import java.util.UUID;

import dev.meshmall.payment.biz.Money;
import dev.meshmall.payment.biz.Order;
import dev.meshmall.payment.biz.OrderState;
import dev.meshmall.payment.biz.Orders;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.order.v1.GetOrderRequest;
import dev.meshmall.proto.order.v1.OrderServiceGrpc;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Order's GetOrder over gRPC: with the shopper's token forwarded for a charge (order answers only the shopper's own
 * orders), as a system call for a refund (order's contract allows both by payment's service account).
 */
public final class GrpcOrders implements Orders {
    private final OrderServiceGrpc.OrderServiceBlockingStub asCaller;
    private final OrderServiceGrpc.OrderServiceBlockingStub asSystem;

    public GrpcOrders(Channel channel) {
        this.asCaller = OrderServiceGrpc.newBlockingStub(channel);
        this.asSystem = GrpcClients.asSystem(OrderServiceGrpc.newBlockingStub(channel));
    }

    @Override
    public Order callersOrder(UUID orderId) {
        return find(asCaller, orderId);
    }

    @Override
    public Order anyOrder(UUID orderId) {
        return find(asSystem, orderId);
    }

    private static Order find(OrderServiceGrpc.OrderServiceBlockingStub stub, UUID orderId) {
        try {
            var order = stub.getOrder(GetOrderRequest.newBuilder().setOrderId(orderId.toString()).build());
            return new Order(UUID.fromString(order.getId()), state(order),
                    new Money(order.getTotal().getAmount(), order.getTotal().getCurrency()),
                    order.getPaymentId().isEmpty() ? Optional.empty() : Optional.of(UUID.fromString(order.getPaymentId())),
                    order.getRefundRequested());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                throw DomainError.notFound("order");
            }
            throw GrpcErrors.toDomain(e);
        }
    }

    private static OrderState state(dev.meshmall.proto.order.v1.Order order) {
        return switch (order.getStatus()) {
            case ORDER_STATUS_PENDING_PAYMENT -> OrderState.PENDING_PAYMENT;
            case ORDER_STATUS_PAID -> OrderState.PAID;
            case ORDER_STATUS_CANCELLED -> OrderState.CANCELLED;
            case ORDER_STATUS_REFUNDED -> OrderState.REFUNDED;
            case ORDER_STATUS_UNSPECIFIED, UNRECOGNIZED -> throw new DomainError(ErrorKind.INTERNAL,
                    "order_status_unknown", "order answered an unknown status for order " + order.getId());
        };
    }
}
