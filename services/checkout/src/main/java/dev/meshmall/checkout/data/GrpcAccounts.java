package dev.meshmall.checkout.data;

import dev.meshmall.checkout.biz.Address;
import dev.meshmall.checkout.biz.Shop;
import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.proto.user.v1.GetAddressRequest;
import dev.meshmall.proto.user.v1.GetCardRequest;
import dev.meshmall.proto.user.v1.UserServiceGrpc;

import io.grpc.Channel;

/** user's address book and wallet, as the shopper (their token is forwarded by the platform). */
public final class GrpcAccounts implements Shop.Accounts {
    private final UserServiceGrpc.UserServiceBlockingStub user;

    public GrpcAccounts(Channel channel) {
        this.user = UserServiceGrpc.newBlockingStub(channel);
    }

    @Override
    public Address address(String addressId) {
        return Calls.address(GrpcClients.call(() -> user
                .getAddress(GetAddressRequest.newBuilder().setAddressId(addressId).build())).getAddress());
    }

    /** The card's processor token comes back too; checkout drops it: only payment charges a saved card. */
    @Override
    public void requireCard(String cardId) {
        GrpcClients.call(() -> user.getCard(GetCardRequest.newBuilder().setCardId(cardId).build()));
    }
}
