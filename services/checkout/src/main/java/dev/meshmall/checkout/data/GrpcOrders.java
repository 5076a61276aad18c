package dev.meshmall.checkout.data;

import java.util.Optional;
import java.util.UUID;

import dev.meshmall.checkout.biz.Draft;
import dev.meshmall.checkout.biz.OrderStatus;
import dev.meshmall.checkout.biz.Placement;
import dev.meshmall.checkout.biz.PlacedOrder;
import dev.meshmall.checkout.biz.PricedItem;
import dev.meshmall.checkout.biz.Shop;
import dev.meshmall.checkout.biz.Shortage;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.order.v1.CancelOrderRequest;
import dev.meshmall.proto.order.v1.CancelReason;
import dev.meshmall.proto.order.v1.GetOrderRequest;
import dev.meshmall.proto.order.v1.MarkOrderPaidRequest;
import dev.meshmall.proto.order.v1.Order;
import dev.meshmall.proto.order.v1.OrderServiceGrpc;
import dev.meshmall.proto.order.v1.PlaceOrderItem;
import dev.meshmall.proto.order.v1.PlaceOrderRequest;
import dev.meshmall.proto.product.v1.PriceChange;
import dev.meshmall.proto.product.v1.StockShortage;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * order's RPCs. Placing and reading act as the shopper; marking paid and cancelling are system calls, so the
 * recovery job makes them the same way a request does.
 */
public final class GrpcOrders implements Shop.Orders {
    private final OrderServiceGrpc.OrderServiceBlockingStub asShopper;
    private final OrderServiceGrpc.OrderServiceBlockingStub asSystem;

    public GrpcOrders(Channel channel) {
        this.asShopper = OrderServiceGrpc.newBlockingStub(channel);
        this.asSystem = GrpcClients.asSystem(OrderServiceGrpc.newBlockingStub(channel));
    }

    @Override
    public Placement place(UUID key, Draft draft) {
        PlaceOrderRequest request = PlaceOrderRequest.newBuilder()
                .setIdempotencyKey(key.toString())
                .addAllItems(draft.items().stream().map(item -> PlaceOrderItem.newBuilder()
                        .setProductId(item.productId())
                        .setQuantity(item.quantity())
                        .setExpectedUnitPrice(Calls.money(new dev.meshmall.checkout.biz.Money(item.unitPrice(),
                                draft.currency())))
                        .build()).toList())
                .setCurrency(draft.currency())
                .setEmail(draft.email())
                .setAddress(Calls.address(draft.address()))
                .build();
        try {
            Order order = asShopper.placeOrder(request);
            return new Placement.Placed(UUID.fromString(order.getId()));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.FAILED_PRECONDITION) {
                throw GrpcErrors.toDomain(e);
            }
            Optional<Placement> shortage = GrpcErrors.detail(e, StockShortage.class).map(s -> new Placement.Short(
                    s.getItemsList().stream()
                            .map(i -> new Shortage(i.getProductId(), i.getRequested(), i.getAvailable()))
                            .toList()));
            Optional<Placement> repriced = GrpcErrors.detail(e, PriceChange.class).map(p -> new Placement.Repriced(
                    p.getItemsList().stream()
                            .map(i -> new dev.meshmall.checkout.biz.PriceChange(i.getProductId(),
                                    i.hasExpectedUnitPrice() ? Optional.of(Calls.money(i.getExpectedUnitPrice()))
                                            : Optional.empty(), Calls.money(i.getUnitPrice())))
                            .toList()));
            return shortage.or(() -> repriced).orElseThrow(() -> GrpcErrors.toDomain(e));
        }
    }

    @Override
    public PlacedOrder find(String orderId) {
        Order order = GrpcClients.call(() -> asShopper
                .getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build()));
        String currency = order.getTotal().getCurrency();
        Draft draft = new Draft(order.getItemsList().stream()
                .map(item -> new PricedItem(item.getProductId(), item.getName(), item.getQuantity(),
                        item.getUnitPrice().getAmount()))
                .toList(), currency, order.getEmail(), Calls.address(order.getAddress()));
        return new PlacedOrder(UUID.fromString(order.getId()), status(order), draft);
    }

    @Override
    public boolean markPaid(UUID orderId, UUID paymentId) {
        try {
            asSystem.markOrderPaid(MarkOrderPaidRequest.newBuilder()
                    .setOrderId(orderId.toString())
                    .setPaymentId(paymentId.toString())
                    .build());
            return true;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION) {
                return false;
            }
            throw GrpcErrors.toDomain(e);
        }
    }

    @Override
    public void cancelForFailedPayment(UUID orderId) {
        GrpcClients.call(() -> asSystem.cancelOrder(CancelOrderRequest.newBuilder()
                .setOrderId(orderId.toString())
                .setReason(CancelReason.CANCEL_REASON_PAYMENT_FAILED)
                .build()));
    }

    private static OrderStatus status(Order order) {
        return switch (order.getStatus()) {
            case ORDER_STATUS_PENDING_PAYMENT -> OrderStatus.PENDING_PAYMENT;
            case ORDER_STATUS_PAID -> OrderStatus.PAID;
            case ORDER_STATUS_CANCELLED -> OrderStatus.CANCELLED;
            case ORDER_STATUS_REFUNDED -> OrderStatus.REFUNDED;
            case ORDER_STATUS_UNSPECIFIED, UNRECOGNIZED -> throw new DomainError(
                    dev.meshmall.platform.error.ErrorKind.INTERNAL, "order_status_unknown",
                    "order answered an unknown status for order " + order.getId());
        };
    }
}
