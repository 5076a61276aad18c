package dev.meshmall.user.data;

import java.util.UUID;

import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.proto.auth.v1.AuthServiceGrpc;
import dev.meshmall.proto.auth.v1.RevokeUserTokensRequest;
import dev.meshmall.user.biz.SessionTokens;

import io.grpc.Channel;

/**
 * The auth service over gRPC: ending a user's sessions is a system call (user vouches for the reason itself: a
 * ban, a new password, a deletion), so no end user's token is forwarded, even inside a user's request. User
 * asks auth for no token: auth logs users in itself.
 */
public final class AuthClient implements SessionTokens {
    private final AuthServiceGrpc.AuthServiceBlockingStub auth;

    public AuthClient(Channel channel) {
        this.auth = GrpcClients.asSystem(AuthServiceGrpc.newBlockingStub(channel));
    }

    @Override
    public void revokeAll(UUID userId) {
        GrpcClients.call(() -> auth.revokeUserTokens(RevokeUserTokensRequest.newBuilder()
                .setUserId(userId.toString()).build()));
    }
}
