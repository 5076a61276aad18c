package dev.meshmall.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.meshmall.auth.biz.RefreshTokenStore.NewToken;
import dev.meshmall.auth.data.RefreshTokenRepository;
import dev.meshmall.platform.config.ServiceConfig;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.auth.v1.LogoutRequest;
import dev.meshmall.proto.auth.v1.RefreshTokensRequest;
import dev.meshmall.proto.auth.v1.RevokeUserTokensRequest;
import dev.meshmall.proto.auth.v1.TokenPair;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.helidon.dbclient.DbClient;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Refresh tokens at auth, its user service a stand-in (the full login, refresh, ban, refresh-refused flow with
 * the real user service is tested in the user module).
 */
class RefreshTokenTest {
    private static TestAuth auth;

    @BeforeAll
    static void start() {
        auth = TestAuth.start(TestAuth.freshSettings());
    }

    @AfterAll
    static void stop() {
        auth.close();
    }

    @Test
    void anUnknownRefreshTokenIsA401WithItsCode() {
        for (String token : List.of("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "garbage", " ", "x".repeat(5000))) {
            TestAuth.Reply reply = auth.refresh("{\"refresh_token\":\"" + token + "\"}");
            assertThat(token, reply.status(), is(401));
            assertThat(reply.contentType(), startsWith("application/problem+json"));
            assertThat(reply.code(), is("invalid_refresh_token"));
        }
    }

    @Test
    void anUnknownRefreshTokenOverGrpcIsUnauthenticated() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> auth.grpc.refreshTokens(
                RefreshTokensRequest.newBuilder().setRefreshToken("nope").build()));
        assertThat(e.getStatus().getCode(), is(Status.Code.UNAUTHENTICATED));
        assertThat(GrpcErrors.code(e), is("invalid_refresh_token"));
    }

    @Test
    void badRefreshBodiesAreProblems() {
        assertThat(auth.refresh("{\"refresh_token\":").status(), is(400));
        assertThat(auth.refresh("").status(), is(400));
        TestAuth.Reply wrongType = auth.refresh("{\"refresh_token\":{\"value\":\"x\"}}");
        assertThat(wrongType.status(), is(422));
        assertThat(wrongType.json().get("field").asText(), is("refresh_token"));
        TestAuth.Reply missing = auth.refresh("{}");
        assertThat(missing.status(), is(422));
        assertThat(missing.json().get("field").asText(), is("refresh_token"));
        assertThat(auth.refresh("{\"refresh_token\":\"x\",\"user_id\":\"" + UUID.randomUUID() + "\"}").status(), is(422));
        assertThat(auth.refresh("{\"refresh_token\":\"" + "x".repeat(70_000) + "\"}").status(), is(413));
    }

    @Test
    void logoutRevokesEveryRefreshTokenOfTheUser() {
        String userId = UUID.randomUUID().toString();
        TokenPair phone = auth.issue(userId, "customer");
        TokenPair laptop = auth.issue(userId, "customer");
        TokenPair someoneElse = auth.issue();

        assertThat(auth.logout(phone.getAccessToken()), is(204));

        for (TokenPair pair : List.of(phone, laptop)) {
            TestAuth.Reply reply = refresh(pair);
            assertThat(reply.status(), is(401));
            assertThat(reply.code(), is("invalid_refresh_token"));
        }
        assertThat(liveTokens(someoneElse), is("1"));
        assertThat(auth.grpcAs(laptop.getAccessToken()).logout(LogoutRequest.getDefaultInstance()).getRevoked(), is(0));
    }

    @Test
    void revokeUserTokensRevokesEveryFamilyOfThatUserOnce() {
        String userId = UUID.randomUUID().toString();
        auth.issue(userId, "customer");
        auth.issue(userId, "customer");
        TokenPair someoneElse = auth.issue();

        assertThat(revoke(userId), is(2));
        assertThat(revoke(userId), is(0));
        assertThat(liveTokens(someoneElse), is("1"));

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> revoke("someone"));
        assertThat(e.getStatus().getCode(), is(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void aUsedRefreshTokenPresentedAgainRevokesItsWholeFamily() {
        String userId = UUID.randomUUID().toString();
        TokenPair stolen = auth.issue(userId, "customer");
        TokenPair otherDevice = auth.issue(userId, "customer");
        String successor = rotatedAsASuccessfulRefreshWould(stolen.getRefreshToken());

        TestAuth.Reply reuse = refresh(stolen);
        assertThat(reuse.status(), is(401));
        assertThat(reuse.code(), is("refresh_token_reused"));

        TestAuth.Reply afterReuse = auth.refresh("{\"refresh_token\":\"" + successor + "\"}");
        assertThat(afterReuse.status(), is(401));
        assertThat(afterReuse.code(), is("invalid_refresh_token"));
        assertThat("another login of the same user is another family", liveTokens(otherDevice), is("1"));
        try (HttpClientResponse res = auth.http.get("/observe/metrics").header(HeaderNames.ACCEPT, "text/plain").request()) {
            assertThat(res.as(String.class), containsString("meshmall_auth_refreshes_total{outcome=\"reused\""));
        }
    }

    @Test
    void anExpiredRefreshTokenIsRefused() {
        TokenPair pair = auth.issue();
        auth.sql("UPDATE auth.refresh_tokens SET expires_at = now() - interval '1 second' "
                + "WHERE token_hash = sha256(convert_to(?, 'UTF8'))", pair.getRefreshToken());
        TestAuth.Reply reply = refresh(pair);
        assertThat(reply.status(), is(401));
        assertThat(reply.code(), is("invalid_refresh_token"));
    }

    @Test
    void aRefreshRotatesTheTokenWithTheRolesUserAnswersNow() {
        TokenPair pair = auth.issue(UUID.randomUUID().toString(), "customer", "merchant");

        TestAuth.Reply reply = refresh(pair);

        assertThat(reply.status(), is(200));
        assertThat(reply.cacheControl().orElseThrow(), is("no-store"));
        assertThat(TestAuth.part(reply.json().get("access_token").asText(), 1).get("roles").toString(),
                is("[\"customer\",\"merchant\"]"));
        assertThat(refresh(pair).code(), is("refresh_token_reused"));
    }

    @Test
    void aRefreshWhileTheUserServiceIsDownFailsAndLeavesTheTokenUsable() {
        TokenPair pair = auth.issue();
        try (TestAuth cutOff = auth.replica(TestAuth.userDown())) {
            TestAuth.Reply reply = cutOff.refresh("{\"refresh_token\":\"" + pair.getRefreshToken() + "\"}");
            assertThat(reply.status(), is(503));
            assertThat(reply.code(), is("user_unavailable"));
        }
        assertThat(liveTokens(pair), is("1"));
        assertThat(refresh(pair).status(), is(200));
    }

    @Test
    void onlyOneOfManyConcurrentRotationsOfTheSameTokenWins() throws Exception {
        TokenPair pair = auth.issue();
        byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                .digest(pair.getRefreshToken().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        UUID family = UUID.fromString(auth.sql("SELECT family_id FROM auth.refresh_tokens WHERE token_hash = ?", hash)
                .orElseThrow());
        UUID user = UUID.fromString(auth.sql("SELECT user_id FROM auth.refresh_tokens WHERE token_hash = ?", hash)
                .orElseThrow());
        DbClient db = DbClient.create(ServiceConfig.load(AuthApp.class, auth.settings, Optional.empty()).get("db"));
        RefreshTokenRepository repository = new RefreshTokenRepository(db);
        List<Callable<Boolean>> attempts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] next = UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            attempts.add(() -> repository.rotate(hash, new NewToken(UUID.randomUUID(), family, user, next, Duration.ofDays(1))));
        }
        int winners = 0;
        try (ExecutorService threads = Executors.newFixedThreadPool(attempts.size())) {
            for (Future<Boolean> attempt : threads.invokeAll(attempts)) {
                winners += attempt.get() ? 1 : 0;
            }
        } finally {
            db.close();
        }
        assertThat(winners, is(1));
        assertThat(auth.sql("SELECT count(*) FROM auth.refresh_tokens WHERE family_id = ?", family).orElseThrow(), is("2"));
    }

    private static TestAuth.Reply refresh(TokenPair pair) {
        return auth.refresh("{\"refresh_token\":\"" + pair.getRefreshToken() + "\"}");
    }

    private static int revoke(String userId) {
        return auth.grpc.revokeUserTokens(RevokeUserTokensRequest.newBuilder().setUserId(userId).build()).getRevoked();
    }

    /** How many live refresh tokens the family of this pair's refresh token has. */
    private static String liveTokens(TokenPair pair) {
        return auth.sql("SELECT count(*) FROM auth.refresh_tokens WHERE used_at IS NULL AND revoked_at IS NULL "
                + "AND family_id = (SELECT family_id FROM auth.refresh_tokens WHERE token_hash = sha256(convert_to(?, 'UTF8')))",
                pair.getRefreshToken()).orElseThrow();
    }

    /**
     * What a successful refresh leaves in the database (that needs the user service, absent here): the token
     * used, a successor in its family. Answers the successor's value.
     */
    private static String rotatedAsASuccessfulRefreshWould(String refreshToken) {
        String successor = TestAuth.base64url(UUID.randomUUID().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        auth.sql("WITH used AS (UPDATE auth.refresh_tokens SET used_at = now() "
                + "WHERE token_hash = sha256(convert_to(?, 'UTF8')) RETURNING family_id, user_id) "
                + "INSERT INTO auth.refresh_tokens (id, family_id, user_id, token_hash, expires_at) "
                + "SELECT gen_random_uuid(), family_id, user_id, sha256(convert_to(?, 'UTF8')), now() + interval '1 day' FROM used",
                refreshToken, successor);
        return successor;
    }
}
