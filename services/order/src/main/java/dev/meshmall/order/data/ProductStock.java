package dev.meshmall.order.data;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/**
 * Product's stock RPCs over gRPC; the reservation answers the names and prices the order is priced at. They are system calls, as product's contract has them (order vouches for the
 * shopper, whose token is not forwarded); the trace headers still are. Each call runs while the order's row
 * is locked, so it gets a deadline of its own: a hung product must not hold the lock for ever.
 */
public final class ProductStock implements Stock {
    private static final long DEADLINE_SECONDS = 10;

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
            ReserveStockResponse reserved = stub().reserveStock(request);
            return new Reservation.Reserved(reserved.getItemsList().stream()
                    .map(item -> new ReservedLine(UUID.fromString(item.getProductId()), item.getName(),
                            item.getQuantity(), money(item.getUnitPrice())))
                    .toList());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() != Status.Code.FAILED_PRECONDITION) {
                throw GrpcErrors.toDomain(e);
            }
            Optional<Reservation> shortage = detail(e, StockShortage.class).map(s -> new Reservation.Short(
                    s.getItemsList().stream()
                            .map(item -> new Shortage(item.getProductId(), item.getRequested(), item.getAvailable()))
                            .toList()));
            Optional<Reservation> repriced = detail(e, PriceChange.class).map(p -> new Reservation.Repriced(
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
            stub().releaseStock(ReleaseStockRequest.newBuilder().setIdempotencyKey(orderId.toString()).build());
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
            stub().commitStock(CommitStockRequest.newBuilder().setIdempotencyKey(orderId.toString()).build());
            return Commit.COMMITTED;
        } catch (StatusRuntimeException e) {
            return switch (e.getStatus().getCode()) {
                case FAILED_PRECONDITION -> Commit.ALREADY_RELEASED;
                case NOT_FOUND -> Commit.NOT_RESERVED;
                default -> throw GrpcErrors.toDomain(e);
            };
        }
    }

    private ProductServiceGrpc.ProductServiceBlockingStub stub() {
        return product.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS);
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

    /**
     * The detail product puts in the status of a refused reservation: a StockShortage for lack of stock, a
     * PriceChange for prices that are not the expected ones.
     */
    private static <T extends com.google.protobuf.Message> Optional<T> detail(StatusRuntimeException e, Class<T> type) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        if (status == null) {
            return Optional.empty();
        }
        for (Any detail : status.getDetailsList()) {
            if (detail.is(type)) {
                try {
                    return Optional.of(detail.unpack(type));
                } catch (InvalidProtocolBufferException broken) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
