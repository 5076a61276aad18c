package dev.meshmall.order.api;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.order.biz.CancelReason;
import dev.meshmall.order.biz.Money;
import dev.meshmall.order.biz.OrderBook;
import dev.meshmall.order.biz.OrderChange;
import dev.meshmall.order.biz.OrderLine;
import dev.meshmall.order.biz.OrderPlacement;
import dev.meshmall.order.biz.OrderRequest;
import dev.meshmall.order.biz.OrderSettlement;
import dev.meshmall.platform.page.PageRequest;
import dev.meshmall.order.biz.Shortage;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.common.v1.Address;
import dev.meshmall.proto.common.v1.PageInfo;
import dev.meshmall.proto.order.v1.CancelOrderRequest;
import dev.meshmall.proto.order.v1.GetOrderRequest;
import dev.meshmall.proto.order.v1.ListOrdersRequest;
import dev.meshmall.proto.order.v1.ListOrdersResponse;
import dev.meshmall.proto.order.v1.MarkOrderPaidRequest;
import dev.meshmall.proto.order.v1.Order;
import dev.meshmall.proto.order.v1.OrderItem;
import dev.meshmall.proto.order.v1.OrderServiceGrpc;
import dev.meshmall.proto.order.v1.OrderStatus;
import dev.meshmall.proto.order.v1.PlaceOrderItem;
import dev.meshmall.proto.order.v1.PlaceOrderRequest;
import dev.meshmall.proto.order.v1.UpdateOrderRequest;
import dev.meshmall.proto.product.v1.PriceChange;
import dev.meshmall.proto.product.v1.StockShortage;

import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;

/**
 * The gRPC face of order: the same use cases and rules as REST, plus placing and paying, which checkout calls.
 * Domain errors thrown here become statuses in the platform's interceptor; a refusal for lack of stock also
 * carries product's StockShortage detail, as the contract says.
 */
public final class OrderGrpc extends OrderServiceGrpc.OrderServiceImplBase {
    private final OrderPlacement placement;
    private final OrderBook book;
    private final OrderSettlement settlement;

    public OrderGrpc(OrderPlacement placement, OrderBook book, OrderSettlement settlement) {
        this.placement = placement;
        this.book = book;
        this.settlement = settlement;
    }

    @Override
    public void placeOrder(PlaceOrderRequest request, StreamObserver<Order> response) {
        UUID me = Requests.me();
        OrderRequest order = new OrderRequest(request.getIdempotencyKey(),
                request.getItemsList().stream().map(OrderGrpc::line).toList(), request.getCurrency(),
                request.getEmail(), address(request.getAddress()));
        try {
            reply(response, order(placement.place(me, order)));
        } catch (DomainError e) {
            throw switch (e.code()) {
                case OrderPlacement.INSUFFICIENT_STOCK -> withShortages(e);
                case OrderPlacement.PRICE_CHANGED -> withPriceChanges(e);
                default -> e;
            };
        }
    }

    @Override
    public void getOrder(GetOrderRequest request, StreamObserver<Order> response) {
        reply(response, order(book.get(Requests.actor(), request.getOrderId())));
    }

    @Override
    public void listOrders(ListOrdersRequest request, StreamObserver<ListOrdersResponse> response) {
        UUID me = Requests.me();
        PageRequest page = PageRequest.orDefaults(request.getPage().getPage(), request.getPage().getSize());
        var orders = book.list(me, page);
        reply(response, ListOrdersResponse.newBuilder()
                .addAllOrders(orders.items().stream().map(OrderGrpc::order).toList())
                .setPage(PageInfo.newBuilder().setPage(orders.page()).setSize(orders.size()).setTotal(orders.total()))
                .build());
    }

    @Override
    public void updateOrder(UpdateOrderRequest request, StreamObserver<Order> response) {
        UUID me = Requests.me();
        OrderChange change = new OrderChange(
                request.hasEmail() ? Optional.of(request.getEmail()) : Optional.empty(),
                request.hasAddress() ? Optional.of(address(request.getAddress())) : Optional.empty());
        reply(response, order(book.update(me, request.getOrderId(), change)));
    }

    @Override
    public void markOrderPaid(MarkOrderPaidRequest request, StreamObserver<Order> response) {
        reply(response, order(settlement.markPaid(Requests.actor(), request.getOrderId(), request.getPaymentId())));
    }

    @Override
    public void cancelOrder(CancelOrderRequest request, StreamObserver<Order> response) {
        CancelReason reason = switch (request.getReason()) {
            case CANCEL_REASON_USER -> CancelReason.USER;
            case CANCEL_REASON_PAYMENT_FAILED -> CancelReason.PAYMENT_FAILED;
            case CANCEL_REASON_TIMEOUT -> CancelReason.TIMEOUT;
            case CANCEL_REASON_UNSPECIFIED, UNRECOGNIZED -> throw DomainError.invalid("reason", "a reason is required");
        };
        reply(response, order(settlement.cancel(Requests.actor(), request.getOrderId(), reason)));
    }

    private static <T> void reply(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }

    /** FAILED_PRECONDITION with the StockShortage detail of the short items. */
    private static StatusRuntimeException withShortages(DomainError e) {
        StockShortage.Builder shortage = StockShortage.newBuilder();
        for (Shortage item : e.listField("shortages", Shortage.class)) {
            shortage.addItems(StockShortage.ShortItem.newBuilder()
                    .setProductId(item.productId())
                    .setRequested(item.requested())
                    .setAvailable(item.available()));
        }
        return GrpcErrors.toStatus(e, shortage.build());
    }

    /** FAILED_PRECONDITION with product's PriceChange detail of the repriced items. */
    private static StatusRuntimeException withPriceChanges(DomainError e) {
        PriceChange.Builder changes = PriceChange.newBuilder();
        for (dev.meshmall.order.biz.PriceChange item
                : e.listField("price_changes", dev.meshmall.order.biz.PriceChange.class)) {
            PriceChange.ChangedItem.Builder changed = PriceChange.ChangedItem.newBuilder()
                    .setProductId(item.productId())
                    .setUnitPrice(money(item.current()));
            item.expected().ifPresent(expected -> changed.setExpectedUnitPrice(money(expected)));
            changes.addItems(changed);
        }
        return GrpcErrors.toStatus(e, changes.build());
    }

    private static OrderRequest.Line line(PlaceOrderItem item) {
        return new OrderRequest.Line(item.getProductId(), item.getQuantity(), item.hasExpectedUnitPrice()
                ? Optional.of(new Money(item.getExpectedUnitPrice().getAmount(), item.getExpectedUnitPrice().getCurrency()))
                : Optional.empty());
    }

    private static dev.meshmall.order.biz.Address address(Address a) {
        return new dev.meshmall.order.biz.Address(a.getName(), a.getStreetAddress(), a.getCity(), a.getState(),
                a.getCountry(), a.getZipCode(), a.getPhone());
    }

    private static Address address(dev.meshmall.order.biz.Address a) {
        return Address.newBuilder()
                .setName(a.name())
                .setStreetAddress(a.streetAddress())
                .setCity(a.city())
                .setState(a.state())
                .setCountry(a.country())
                .setZipCode(a.zipCode())
                .setPhone(a.phone())
                .build();
    }

    private static Order order(dev.meshmall.order.biz.Order order) {
        Order.Builder builder = Order.newBuilder()
                .setId(order.id().toString())
                .setStatus(status(order.status()))
                .addAllItems(order.items().stream().map(line -> item(line, order.currency())).toList())
                .setTotal(money(order.totalMoney()))
                .setEmail(order.email())
                .setAddress(address(order.address()))
                .setRefundRequested(order.refundRequested())
                .setCreatedAt(timestamp(order.createdAt()))
                .setUpdatedAt(timestamp(order.updatedAt()));
        order.paymentId().ifPresent(id -> builder.setPaymentId(id.toString()));
        order.cancelReason().ifPresent(reason -> builder.setCancelReason(reason(reason)));
        return builder.build();
    }

    private static OrderItem item(OrderLine line, String currency) {
        return OrderItem.newBuilder()
                .setProductId(line.productId().toString())
                .setName(line.name())
                .setQuantity(line.quantity())
                .setUnitPrice(money(new Money(line.unitPrice(), currency)))
                .build();
    }

    private static dev.meshmall.proto.common.v1.Money money(Money money) {
        return dev.meshmall.proto.common.v1.Money.newBuilder()
                .setAmount(money.amount())
                .setCurrency(money.currency())
                .build();
    }

    private static OrderStatus status(dev.meshmall.order.biz.OrderStatus status) {
        return switch (status) {
            case PENDING_PAYMENT -> OrderStatus.ORDER_STATUS_PENDING_PAYMENT;
            case PAID -> OrderStatus.ORDER_STATUS_PAID;
            case CANCELLED -> OrderStatus.ORDER_STATUS_CANCELLED;
            case REFUNDED -> OrderStatus.ORDER_STATUS_REFUNDED;
        };
    }

    private static dev.meshmall.proto.order.v1.CancelReason reason(CancelReason reason) {
        return switch (reason) {
            case USER -> dev.meshmall.proto.order.v1.CancelReason.CANCEL_REASON_USER;
            case PAYMENT_FAILED -> dev.meshmall.proto.order.v1.CancelReason.CANCEL_REASON_PAYMENT_FAILED;
            case TIMEOUT -> dev.meshmall.proto.order.v1.CancelReason.CANCEL_REASON_TIMEOUT;
        };
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
