package dev.meshmall.auth.api;

import java.nio.charset.StandardCharsets;

import dev.meshmall.auth.biz.Credentials;
import dev.meshmall.auth.biz.KeyRing;
import dev.meshmall.auth.biz.TokenPair;
import dev.meshmall.auth.biz.Tokens;
import dev.meshmall.platform.identity.Caller;
import dev.meshmall.platform.identity.TokenVerifier;
import dev.meshmall.platform.scope.RequestScope;
import dev.meshmall.proto.auth.v1.AuthServiceGrpc;
import dev.meshmall.proto.auth.v1.GetJwksRequest;
import dev.meshmall.proto.auth.v1.GetJwksResponse;
import dev.meshmall.proto.auth.v1.LoginRequest;
import dev.meshmall.proto.auth.v1.LogoutRequest;
import dev.meshmall.proto.auth.v1.LogoutResponse;
import dev.meshmall.proto.auth.v1.RefreshTokensRequest;
import dev.meshmall.proto.auth.v1.RevokeUserTokensRequest;
import dev.meshmall.proto.auth.v1.RevokeUserTokensResponse;
import dev.meshmall.proto.auth.v1.VerifyTokenRequest;
import dev.meshmall.proto.auth.v1.VerifyTokenResponse;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;

/**
 * {@code meshmall.auth.v1.AuthService}. RevokeUserTokens is a system call, admitted by the mesh's
 * AuthorizationPolicy for the user service's account only; errors thrown here become statuses at the platform's
 * gRPC edge.
 */
public final class AuthGrpcService extends AuthServiceGrpc.AuthServiceImplBase {
    private final Tokens tokens;
    private final KeyRing keys;
    private final TokenVerifier verifier;

    public AuthGrpcService(Tokens tokens, KeyRing keys, TokenVerifier verifier) {
        this.tokens = tokens;
        this.keys = keys;
        this.verifier = verifier;
    }

    /** Failures count against the caller's own address: a gRPC client reaches auth directly, not through the ingress. */
    @Override
    public void login(LoginRequest request, StreamObserver<dev.meshmall.proto.auth.v1.TokenPair> response) {
        Credentials credentials = new Credentials(request.getEmail(), request.getPassword(), ClientAddress.ofGrpcCall());
        reply(response, pair(tokens.login(credentials)));
    }

    @Override
    public void refreshTokens(RefreshTokensRequest request, StreamObserver<dev.meshmall.proto.auth.v1.TokenPair> response) {
        reply(response, pair(tokens.refresh(request.getRefreshToken())));
    }

    @Override
    public void verifyToken(VerifyTokenRequest request, StreamObserver<VerifyTokenResponse> response) {
        Caller caller = verifier.verify(request.getAccessToken());
        reply(response, VerifyTokenResponse.newBuilder()
                .setUserId(caller.userId())
                .addAllRoles(caller.roles())
                .setExpiresAt(Timestamp.newBuilder().setSeconds(caller.expiresAt().getEpochSecond()))
                .build());
    }

    @Override
    public void logout(LogoutRequest request, StreamObserver<LogoutResponse> response) {
        int revoked = tokens.revokeAll(RequestScope.requireCaller().userId());
        reply(response, LogoutResponse.newBuilder().setRevoked(revoked).build());
    }

    @Override
    public void revokeUserTokens(RevokeUserTokensRequest request, StreamObserver<RevokeUserTokensResponse> response) {
        int revoked = tokens.revokeAll(request.getUserId());
        reply(response, RevokeUserTokensResponse.newBuilder().setRevoked(revoked).build());
    }

    @Override
    public void getJwks(GetJwksRequest request, StreamObserver<GetJwksResponse> response) {
        String jwks = new String(JwksDocument.json(keys.published()), StandardCharsets.UTF_8);
        reply(response, GetJwksResponse.newBuilder().setJwksJson(jwks).build());
    }

    private static dev.meshmall.proto.auth.v1.TokenPair pair(TokenPair pair) {
        return dev.meshmall.proto.auth.v1.TokenPair.newBuilder()
                .setAccessToken(pair.accessToken())
                .setRefreshToken(pair.refreshToken())
                .setTokenType("Bearer")
                .setExpiresIn(pair.expiresInSeconds())
                .build();
    }

    private static <T> void reply(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }
}
