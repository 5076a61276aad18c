package dev.meshmall.checkout.api;

import java.util.Optional;

import dev.meshmall.checkout.biz.Address;
import dev.meshmall.checkout.biz.AddressChoice;
import dev.meshmall.checkout.biz.Card;
import dev.meshmall.checkout.biz.CheckoutFlow;
import dev.meshmall.checkout.biz.Money;
import dev.meshmall.checkout.biz.PayRequest;
import dev.meshmall.checkout.biz.PaymentChoice;
import dev.meshmall.checkout.biz.PricedItem;
import dev.meshmall.checkout.biz.Receipt;
import dev.meshmall.checkout.biz.Shortage;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.checkout.v1.CheckoutRequest;
import dev.meshmall.proto.checkout.v1.CheckoutResponse;
import dev.meshmall.proto.checkout.v1.CheckoutServiceGrpc;
import dev.meshmall.proto.checkout.v1.PayOrderRequest;
import dev.meshmall.proto.order.v1.OrderStatus;
import dev.meshmall.proto.payment.v1.CardDetails;
import dev.meshmall.proto.payment.v1.PaymentStatus;
import dev.meshmall.proto.product.v1.StockShortage;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * The gRPC face of checkout: the same flow as REST. A declined card is an answer here (payment_status DECLINED),
 * as the contract has it. Where the contract's status differs from the platform's mapping it is set here: an
 * empty cart is FAILED_PRECONDITION, a request still running ABORTED, and a shortage carries product's
 * StockShortage detail.
 */
public final class CheckoutGrpc extends CheckoutServiceGrpc.CheckoutServiceImplBase {
    private final CheckoutFlow flow;

    public CheckoutGrpc(CheckoutFlow flow) {
        this.flow = flow;
    }

    @Override
    public void checkout(CheckoutRequest request, StreamObserver<CheckoutResponse> response) {
        Optional<AddressChoice> address = switch (request.getAddressChoiceCase()) {
            case ADDRESS_ID -> Optional.of(new AddressChoice.Saved(request.getAddressId()));
            case ADDRESS -> Optional.of(new AddressChoice.Typed(address(request.getAddress())));
            case ADDRESSCHOICE_NOT_SET -> Optional.empty();
        };
        Optional<PaymentChoice> payment = switch (request.getPaymentChoiceCase()) {
            case CARD_ID -> Optional.of(new PaymentChoice.SavedCard(request.getCardId()));
            case CARD -> Optional.of(new PaymentChoice.TypedCard(card(request.getCard())));
            case PAYMENTCHOICE_NOT_SET -> Optional.empty();
        };
        dev.meshmall.checkout.biz.CheckoutRequest checkout = new dev.meshmall.checkout.biz.CheckoutRequest(
                request.getIdempotencyKey(), address, payment, request.getEmail());
        reply(response, () -> flow.checkout(Requests.me(), checkout));
    }

    @Override
    public void payOrder(PayOrderRequest request, StreamObserver<CheckoutResponse> response) {
        Optional<PaymentChoice> payment = switch (request.getPaymentChoiceCase()) {
            case CARD_ID -> Optional.of(new PaymentChoice.SavedCard(request.getCardId()));
            case CARD -> Optional.of(new PaymentChoice.TypedCard(card(request.getCard())));
            case PAYMENTCHOICE_NOT_SET -> Optional.empty();
        };
        PayRequest pay = new PayRequest(request.getIdempotencyKey(), request.getOrderId(), payment);
        reply(response, () -> flow.pay(Requests.me(), pay));
    }

    private static void reply(StreamObserver<CheckoutResponse> response, java.util.function.Supplier<Receipt> work) {
        Receipt receipt;
        try {
            receipt = work.get();
        } catch (DomainError e) {
            throw status(e);
        }
        response.onNext(message(receipt));
        response.onCompleted();
    }

    private static RuntimeException status(DomainError e) {
        return switch (e.code()) {
            case CheckoutFlow.EMPTY_CART -> GrpcErrors.toStatus(e, Status.Code.FAILED_PRECONDITION);
            case CheckoutFlow.IN_PROGRESS -> GrpcErrors.toStatus(e, Status.Code.ABORTED);
            case CheckoutFlow.INSUFFICIENT_STOCK -> {
                StockShortage.Builder shortage = StockShortage.newBuilder();
                for (Shortage item : e.listField("shortages", Shortage.class)) {
                    shortage.addItems(StockShortage.ShortItem.newBuilder()
                            .setProductId(item.productId())
                            .setRequested(item.requested())
                            .setAvailable(item.available()));
                }
                yield GrpcErrors.toStatus(e, shortage.build());
            }
            default -> e;
        };
    }

    private static CheckoutResponse message(Receipt receipt) {
        CheckoutResponse.Builder builder = CheckoutResponse.newBuilder()
                .setOrderId(receipt.orderId().toString())
                .setStatus(OrderStatus.valueOf("ORDER_STATUS_" + receipt.status().name()))
                .setTotal(money(receipt.total()))
                .setDeclineCode(receipt.declineCode());
        receipt.paymentId().ifPresent(id -> builder.setPaymentId(id.toString()));
        receipt.paymentStatus().ifPresent(s -> builder.setPaymentStatus(PaymentStatus.valueOf("PAYMENT_STATUS_" + s.name())));
        for (PricedItem item : receipt.items()) {
            var line = dev.meshmall.proto.checkout.v1.PricedItem.newBuilder()
                    .setProductId(item.productId())
                    .setName(item.name())
                    .setQuantity(item.quantity())
                    .setUnitPrice(money(new Money(item.unitPrice(), receipt.total().currency())))
                    .setLineTotal(money(new Money(item.lineTotal(), receipt.total().currency())));
            builder.addItems(line);
        }
        return builder.build();
    }

    private static dev.meshmall.proto.common.v1.Money money(Money money) {
        return dev.meshmall.proto.common.v1.Money.newBuilder()
                .setAmount(money.amount())
                .setCurrency(money.currency())
                .build();
    }

    private static Address address(dev.meshmall.proto.common.v1.Address a) {
        return new Address(a.getName(), a.getStreetAddress(), a.getCity(), a.getState(), a.getCountry(),
                a.getZipCode(), a.getPhone());
    }

    private static Card card(CardDetails card) {
        return new Card(card.getNumber(), card.getExpMonth(), card.getExpYear(), card.getCvv(), card.getHolderName());
    }
}
