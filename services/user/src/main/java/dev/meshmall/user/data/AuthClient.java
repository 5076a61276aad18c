package dev.meshmall.user.data;

import java.util.Set;
import java.util.UUID;

import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.auth.v1.AuthServiceGrpc;
import dev.meshmall.proto.auth.v1.IssueTokensRequest;
import dev.meshmall.proto.auth.v1.RevokeUserTokensRequest;
import dev.meshmall.proto.auth.v1.TokenPair;
import dev.meshmall.user.biz.Role;
import dev.meshmall.user.biz.SessionTokens;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;

/**
 * The auth service over gRPC. Both calls are system calls: user vouches for the identity itself (a checked
 * password, an admin's ban), so no end user's token is forwarded, even inside a user's request.
 */
public final class AuthClient implements SessionTokens {
    private final AuthServiceGrpc.AuthServiceBlockingStub auth;

    public AuthClient(Channel channel) {
        this.auth = GrpcClients.asSystem(AuthServiceGrpc.newBlockingStub(channel));
    }

    @Override
    public dev.meshmall.user.biz.TokenPair issue(UUID userId, Set<Role> roles) {
        IssueTokensRequest request = IssueTokensRequest.newBuilder()
                .setUserId(userId.toString())
                .addAllRoles(roles.stream().map(Role::wireName).toList())
                .build();
        try {
            TokenPair pair = auth.issueTokens(request);
            return new dev.meshmall.user.biz.TokenPair(pair.getAccessToken(), pair.getRefreshToken(),
                    pair.getTokenType(), pair.getExpiresIn());
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toDomain(e);
        }
    }

    @Override
    public void revokeAll(UUID userId) {
        try {
            auth.revokeUserTokens(RevokeUserTokensRequest.newBuilder().setUserId(userId.toString()).build());
        } catch (StatusRuntimeException e) {
            throw GrpcErrors.toDomain(e);
        }
    }
}
