package dev.meshmall.auth;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.auth.v1.LoginRequest;
import dev.meshmall.proto.auth.v1.TokenPair;
import dev.meshmall.proto.user.v1.AccountStatus;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Auth logs users in itself: it asks user to check the password (here a stand-in on a real socket, so that
 * user's answers can be chosen) and mints tokens only for an account user vouched for and that is active.
 */
class LoginTest {
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
    void aLoginOverRestGivesTokensOfTheAccountUserVouchedFor() {
        FakeUsers.Registered account = auth.users.register("customer", "merchant");

        TestAuth.Reply login = auth.login(account.email, account.password, Map.of());

        assertThat(login.body(), login.status(), is(200));
        assertThat(login.cacheControl().orElseThrow(), is("no-store"));
        JsonNode tokens = login.json();
        assertThat(tokens.get("token_type").asText(), is("Bearer"));
        assertThat(tokens.get("expires_in").asLong(), is(900L));
        String access = tokens.get("access_token").asText();
        assertTrue(TestAuth.signedByServedKey(access, auth.jwks()));
        assertThat(TestAuth.part(access, 1).get("sub").asText(), is(account.id));
        assertThat(TestAuth.part(access, 1).get("roles").toString(), is("[\"customer\",\"merchant\"]"));
        assertThat(auth.refresh("{\"refresh_token\":\"" + tokens.get("refresh_token").asText() + "\"}").status(), is(200));
    }

    @Test
    void aLoginOverGrpcGivesTheSame() {
        FakeUsers.Registered account = auth.users.register("admin");

        TokenPair pair = auth.login(account);

        assertThat(pair.getTokenType(), is("Bearer"));
        assertThat(TestAuth.part(pair.getAccessToken(), 1).get("sub").asText(), is(account.id));
        assertThat(TestAuth.part(pair.getAccessToken(), 1).get("roles").toString(), is("[\"admin\"]"));
        assertThat(auth.logout(pair.getAccessToken()), is(204));
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSame401() {
        FakeUsers.Registered account = auth.users.register("customer");

        TestAuth.Reply wrong = auth.login(account.email, "not the password", Map.of());
        TestAuth.Reply unknown = auth.login("nobody-" + UUID.randomUUID() + "@example.com", account.password, Map.of());

        for (TestAuth.Reply reply : List.of(wrong, unknown)) {
            assertThat(reply.status(), is(401));
            assertThat(reply.contentType(), containsString("application/problem+json"));
            assertThat(reply.code(), is("invalid_credentials"));
            assertThat(reply.body(), not(containsString(account.password)));
        }
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> auth.grpc.login(
                LoginRequest.newBuilder().setEmail(account.email).setPassword("not the password").build()));
        assertThat(e.getStatus().getCode(), is(Status.Code.UNAUTHENTICATED));
        assertThat(GrpcErrors.code(e), is("invalid_credentials"));
    }

    @Test
    void onlyAnActiveAccountGetsTokens() {
        FakeUsers.Registered banned = auth.users.register("customer");
        banned.status = AccountStatus.ACCOUNT_STATUS_BANNED;
        FakeUsers.Registered unknownStatus = auth.users.register("customer");
        unknownStatus.status = AccountStatus.ACCOUNT_STATUS_UNSPECIFIED;

        TestAuth.Reply bannedLogin = auth.login(banned.email, banned.password, Map.of());
        assertThat(bannedLogin.status(), is(403));
        assertThat(bannedLogin.code(), is("account_banned"));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> auth.login(banned));
        assertThat(e.getStatus().getCode(), is(Status.Code.PERMISSION_DENIED));
        assertThat(auth.login(unknownStatus.email, unknownStatus.password, Map.of()).code(), is("invalid_credentials"));
        assertThat("no family was started", auth.sql("SELECT count(*) FROM auth.refresh_tokens WHERE user_id IN (?, ?)",
                UUID.fromString(banned.id), UUID.fromString(unknownStatus.id)).orElseThrow(), is("0"));
    }

    @Test
    void aThrottledClientIsToldWhenToComeBack() {
        FakeUsers.Registered account = auth.users.register("customer");
        auth.users.throttle(account, 840);

        TestAuth.Reply throttled = auth.login(account.email, account.password, Map.of());

        assertThat(throttled.status(), is(429));
        assertThat(throttled.code(), is("too_many_attempts"));
        assertThat(throttled.retryAfter().orElseThrow(), is("840"));
        assertThat(throttled.json().get("retry_after").asLong(), is(840L));
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> auth.login(account));
        assertThat(e.getStatus().getCode(), is(Status.Code.RESOURCE_EXHAUSTED));
    }

    @Test
    void userIsToldTheClientAddressTheIngressAppended() {
        FakeUsers.Registered account = auth.users.register("customer");

        auth.login(account.email, account.password, Map.of("X-Forwarded-For", "198.51.100.7, 203.0.113.9"));
        auth.login(account.email, account.password, Map.of("X-Forwarded-For", "203.0.113.10"));
        auth.login(account.email, account.password, Map.of());
        auth.login(account);

        assertThat("what the client wrote before the ingress's hop is not its address", auth.users.clientsOf(account),
                contains("203.0.113.9", "203.0.113.10", "127.0.0.1", "127.0.0.1"));
    }

    @Test
    void aMissingFieldIsNamedAndUserIsNotAsked() {
        FakeUsers.Registered account = auth.users.register("customer");

        TestAuth.Reply noPassword = auth.post("/api/v1/auth/login", "{\"email\":\"" + account.email + "\"}", Map.of());
        TestAuth.Reply noEmail = auth.post("/api/v1/auth/login", "{\"password\":\"whatever it is\"}", Map.of());
        TestAuth.Reply smuggled = auth.post("/api/v1/auth/login", "{\"email\":\"" + account.email
                + "\",\"password\":\"" + account.password + "\",\"user_id\":\"" + UUID.randomUUID() + "\"}", Map.of());

        assertThat(noPassword.status(), is(422));
        assertThat(noPassword.json().get("field").asText(), is("password"));
        assertThat(noEmail.status(), is(422));
        assertThat(noEmail.json().get("field").asText(), is("email"));
        assertThat(smuggled.status(), is(422));
        assertThat(auth.users.clientsOf(account), is(List.of()));
    }

    @Test
    void whileUserCannotBeAskedNobodyLogsIn() {
        FakeUsers.Registered account = auth.users.register("customer");
        try (TestAuth cutOff = auth.replica(TestAuth.userDown())) {
            TestAuth.Reply login = cutOff.login(account.email, account.password, Map.of());
            assertThat(login.status(), is(503));
            assertThat(login.code(), is("user_unavailable"));
        }
    }
}
