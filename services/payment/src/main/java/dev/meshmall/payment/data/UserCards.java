package dev.meshmall.payment.data;

import dev.meshmall.payment.biz.SavedCard;
import dev.meshmall.payment.biz.SavedCards;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.user.v1.GetCardRequest;
import dev.meshmall.proto.user.v1.UserServiceGrpc;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * User's GetCard over gRPC with the shopper's token forwarded, so user answers only the shopper's own cards.
 */
public final class UserCards implements SavedCards {
    private final UserServiceGrpc.UserServiceBlockingStub user;

    public UserCards(Channel channel) {
        this.user = UserServiceGrpc.newBlockingStub(channel);
    }

    @Override
    public SavedCard find(String cardId) {
        try {
            var card = user.getCard(GetCardRequest.newBuilder().setCardId(cardId).build());
            return new SavedCard(card.getToken(), card.getExpMonth(), card.getExpYear());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                throw DomainError.notFound("card");
            }
            throw GrpcErrors.toDomain(e);
        }
    }
}
