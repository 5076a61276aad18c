package dev.meshmall.user.data;

import dev.meshmall.platform.card.CardNumber;
import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.proto.payment.v1.CardDetails;
import dev.meshmall.proto.payment.v1.PaymentServiceGrpc;
import dev.meshmall.proto.payment.v1.TokenizeCardRequest;
import dev.meshmall.user.biz.CardTokenizer;

import io.grpc.Channel;

/**
 * Payment's vault over gRPC: the number goes to payment's TokenizeCard, with the shopper's token forwarded (the
 * vault keeps its tokens per user), and only the token comes back. So payment alone ever holds a card number,
 * and it can charge the token of a saved card later.
 */
public final class PaymentCardTokenizer implements CardTokenizer {
    private final PaymentServiceGrpc.PaymentServiceBlockingStub payment;

    public PaymentCardTokenizer(Channel channel) {
        this.payment = PaymentServiceGrpc.newBlockingStub(channel);
    }

    @Override
    public String tokenize(CardNumber number, int expMonth, int expYear) {
        TokenizeCardRequest request = TokenizeCardRequest.newBuilder()
                .setCard(CardDetails.newBuilder()
                        .setNumber(number.digits())
                        .setExpMonth(expMonth)
                        .setExpYear(expYear))
                .build();
        return GrpcClients.call(() -> payment.tokenizeCard(request)).getToken();
    }
}
