package dev.meshmall.order.data;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.order.biz.Commit;
import dev.meshmall.order.biz.Money;
import dev.meshmall.order.biz.Release;
import dev.meshmall.order.biz.RequestedLine;
import dev.meshmall.order.biz.Reservation;
import dev.meshmall.order.biz.ReservedLine;
import dev.meshmall.order.biz.Shortage;
import dev.meshmall.order.biz.Stock;
import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.product.v1.CommitStockRequest;
import dev.meshmall.proto.product.v1.PriceChange;
import dev.meshmall.proto.product.v1.ProductServiceGrpc;
import dev.meshmall.proto.product.v1.ReleaseStockRequest;
import dev.meshmall.proto.product.v1.ReserveStockRequest;
import dev.meshmall.proto.product.v1.ReserveStockResponse;
import dev.meshmall.proto.product.v1.StockItem;
import dev.meshmall.proto.product.v1.StockShortage;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Product's stock RPCs over gRPC; the reservation answers the names and prices the order is priced at. They are system calls, as product's contract has them (order vouches for the
 * shopper, whose token is not forwarded); the trace headers still are. Each call runs while the order's row
 * is locked: the platform's deadline on every call keeps a hung product from holding the lock for ever.
 */
public final class ProductStock implements Stock {
    private final ProductServiceGrpc.ProductServiceBlockingStub product;

    public ProductStock(Channel channel) {
        this.product = GrpcClients.asSystem(ProductServiceGrpc.newBlockingStub(channel));
    }

    @Override
    public Reservation reserve(UUID orderId, List<RequestedLine> lines, String currency) {
        ReserveStockRequest request = ReserveStockRequest.newBuilder()
                .setIdempotencyKey(orderId.toString())
                .setCurrency(currency)
                .addAllItems(lines.stream().map(line -> {
                    StockItem.Builder item = StockItem.newBuilder()
                            .setProductId(line.productId().toString())
                            .setQuantity(line.quantity());
                    line.expectedUnitPrice().ifPresent(price -> item.setExpectedUnitPrice(money(price)));
                    return item.build();
                }).toList())
                .build();
        try {
            ReserveStockResponse reserved = product.reserveStock(request);
            return new Reservation.Reserved(reserved.getItemsList().stream()
                    .map(item -> new ReservedLine(UUID.fromString(item.getProductId()), item.getName(),
                            item.getQuantity(), money(item.getUnitPrice())))
                    .toList());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.FAILED_PRECONDITION) {
                throw GrpcErrors.toDomain(e);
            }
            Optional<Reservation> shortage = GrpcErrors.detail(e, StockShortage.class).map(s -> new Reservation.Short(
                    s.getItemsList().stream()
                            .map(item -> new Shortage(item.getProductId(), item.getRequested(), item.getAvailable()))
                            .toList()));
            Optional<Reservation> repriced = GrpcErrors.detail(e, PriceChange.class).map(p -> new Reservation.Repriced(
                    p.getItemsList().stream()
                            .map(item -> new dev.meshmall.order.biz.PriceChange(item.getProductId(),
                                    item.hasExpectedUnitPrice() ? Optional.of(money(item.getExpectedUnitPrice()))
                                            : Optional.empty(), money(item.getUnitPrice())))
                            .toList()));
            return shortage.or(() -> repriced).orElseGet(Reservation.Closed::new);
        }
    }

    @Override
    public Release release(UUID orderId) {
        try {
            product.releaseStock(ReleaseStockRequest.newBuilder().setIdempotencyKey(orderId.toString()).build());
            return Release.RELEASED;
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION) {
                return Release.ALREADY_COMMITTED;
            }
            throw GrpcErrors.toDomain(e);
        }
    }

    @Override
    public Commit commit(UUID orderId) {
        try {
            product.commitStock(CommitStockRequest.newBuilder().setIdempotencyKey(orderId.toString()).build());
            return Commit.COMMITTED;
        } catch (StatusRuntimeException e) {
            return switch (e.getStatus().getCode()) {
                case FAILED_PRECONDITION -> Commit.ALREADY_RELEASED;
                case NOT_FOUND -> Commit.NOT_RESERVED;
                default -> throw GrpcErrors.toDomain(e);
            };
        }
    }

    private static Money money(dev.meshmall.proto.common.v1.Money money) {
        return new Money(money.getAmount(), money.getCurrency());
    }

    private static dev.meshmall.proto.common.v1.Money money(Money money) {
        return dev.meshmall.proto.common.v1.Money.newBuilder()
                .setAmount(money.amount())
                .setCurrency(money.currency())
                .build();
    }
}
