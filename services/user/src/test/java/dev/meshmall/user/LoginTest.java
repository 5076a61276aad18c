package dev.meshmall.user;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.meshmall.proto.auth.v1.RevokeUserTokensRequest;
import dev.meshmall.proto.auth.v1.TokenPair;
import dev.meshmall.testing.Concurrently;
import dev.meshmall.testing.Reply;
import dev.meshmall.testing.TestServices;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Logging in at auth, which has the real user service check the password; user counts the failures. */
class LoginTest {
    /** Client addresses as the ingress appends them to x-forwarded-for (documentation ranges, RFC 5737). */
    private static final String GUESSER = "203.0.113.66";
    private static final String OWNER = "198.51.100.23";
    private static UserStack stack;

    @BeforeAll
    static void start() {
        stack = UserStack.start();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aLoginGivesTokensThatOpenTheAccount() {
        String id = stack.register("linus@example.com");

        Reply login = stack.login("  LINUS@example.com", UserStack.PASSWORD);

        assertThat(login.status(), is(200));
        assertThat(login.header("cache-control").orElseThrow(), is("no-store"));
        JsonNode tokens = login.json();
        assertThat(tokens.get("token_type").asText(), is("Bearer"));
        assertThat(tokens.get("expires_in").asLong(), is(900L));
        assertThat(tokens.get("refresh_token").asText().isEmpty(), is(false));
        Reply me = stack.get("/api/v1/users/me", tokens.get("access_token").asText());
        assertThat(me.status(), is(200));
        assertThat(me.json().get("id").asText(), is(id));
        assertThat(me.json().get("email").asText(), is("linus@example.com"));
    }

    @Test
    void noRpcOfAuthTurnsAUserIdIntoATokenAnyMore() {
        String id = stack.register("handed@example.com");
        // IssueTokensRequest{user_id} had the wire form of RevokeUserTokensRequest{user_id}
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> TestServices.callByName(
                stack.authChannel, "meshmall.auth.v1.AuthService/IssueTokens",
                RevokeUserTokensRequest.newBuilder().setUserId(id).build(), TokenPair.getDefaultInstance()));

        assertThat(e.getStatus().getCode(), is(Status.Code.UNIMPLEMENTED));
    }

    @Test
    void anUnknownEmailAndAWrongPasswordGetTheSameAnswer() {
        stack.register("known@example.com");

        Reply unknown = stack.login("nobody@example.com", UserStack.PASSWORD);
        Reply wrong = stack.login("known@example.com", "not the password");
        Reply nonsense = stack.login("not even an email", UserStack.PASSWORD);

        assertThat(unknown.status(), is(401));
        assertThat(unknown.code(), is("invalid_credentials"));
        assertThat(withoutInstance(wrong), is(withoutInstance(unknown)));
        assertThat(withoutInstance(nonsense), is(withoutInstance(unknown)));
        assertThat(wrong.body(), is(unknown.body()));
    }

    @Test
    void fiveFailuresFromOneClientHoldThatClientOffButNotTheOwnerElsewhere() {
        String id = stack.register("locked@example.com");
        for (int i = 0; i < 5; i++) {
            assertThat(stack.loginFrom(GUESSER, "locked@example.com", "wrong guess " + i).status(), is(401));
        }

        Reply heldOff = stack.loginFrom(GUESSER, "locked@example.com", UserStack.PASSWORD);
        Reply owner = stack.loginFrom(OWNER, "locked@example.com", UserStack.PASSWORD);
        Reply stillHeldOff = stack.loginFrom(GUESSER, "locked@example.com", UserStack.PASSWORD);

        assertThat(heldOff.status(), is(429));
        assertThat(heldOff.code(), is("too_many_attempts"));
        long retryAfter = Long.parseLong(heldOff.header("retry-after").orElseThrow());
        assertThat(retryAfter, allOf(greaterThan(800L), lessThanOrEqualTo(900L)));
        assertThat(heldOff.json().get("retry_after").asLong(), is(retryAfter));
        assertThat("the owner's own attempt is not locked out", owner.status(), is(200));
        assertThat("the owner's success does not lift the guesser's hold", stillHeldOff.status(), is(429));

        stack.rows("UPDATE users.login_failures SET last_failure_at = now() - interval '15 minutes 1 second'"
                + " WHERE account_id = ?", UUID.fromString(id));
        assertThat("the hold ends after its duration",
                stack.loginFrom(GUESSER, "locked@example.com", UserStack.PASSWORD).status(), is(200));
    }

    @Test
    void whatAClientWritesInXForwardedForBeforeTheIngressHopDoesNotMakeItAnotherClient() {
        stack.register("spoofed@example.com");
        for (int i = 0; i < 5; i++) {
            assertThat(stack.loginFrom("10.0.0." + i + ", " + GUESSER, "spoofed@example.com", "guess " + i).status(), is(401));
        }

        assertThat(stack.loginFrom("10.0.0.99, " + GUESSER, "spoofed@example.com", UserStack.PASSWORD).status(), is(429));
        assertThat(stack.loginFrom(GUESSER + ", " + OWNER, "spoofed@example.com", UserStack.PASSWORD).status(), is(200));
    }

    @Test
    void failuresAreCountedPerAccountAndClientAndARightPasswordClearsOnlyItsOwn() {
        String id = stack.register("counted-per-client@example.com");
        stack.loginFrom(GUESSER, "counted-per-client@example.com", "wrong");
        stack.loginFrom(GUESSER, "counted-per-client@example.com", "wrong again");
        stack.loginFrom(OWNER, "counted-per-client@example.com", "a typo");

        assertThat(failures(id), is(List.of(List.of(OWNER, "1"), List.of(GUESSER, "2"))));
        assertThat(stack.loginFrom(OWNER, "counted-per-client@example.com", UserStack.PASSWORD).status(), is(200));
        assertThat(failures(id), is(List.of(List.of(GUESSER, "2"))));
    }

    @Test
    void aSuccessfulLoginResetsTheFailures() {
        stack.register("forgetful@example.com");
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                assertThat(stack.login("forgetful@example.com", "wrong").status(), is(401));
            }
            assertThat(stack.login("forgetful@example.com", UserStack.PASSWORD).status(), is(200));
        }
    }

    @Test
    void parallelGuessesCannotSlipPastTheLock() throws Exception {
        stack.register("brute@example.com");
        List<Integer> statuses = Concurrently.call(30,
                i -> stack.loginFrom(GUESSER, "brute@example.com", "guess number " + i).status());

        assertThat("only 5 passwords were tried", statuses.stream().filter(s -> s == 401).count(), is(5L));
        assertThat(statuses.stream().filter(s -> s == 429).count(), is(25L));
        assertThat(stack.loginFrom(OWNER, "brute@example.com", UserStack.PASSWORD).status(), is(200));
    }

    @Test
    void aBannedAccountIsToldOnlyWithTheRightPassword() {
        String id = stack.register("banned@example.com");
        stack.rows("UPDATE users.accounts SET status = 'BANNED' WHERE id = ?", UUID.fromString(id));

        Reply wrong = stack.login("banned@example.com", "not the password");
        Reply right = stack.login("banned@example.com", UserStack.PASSWORD);

        assertThat(wrong.status(), is(401));
        assertThat(right.status(), is(403));
        assertThat(right.code(), is("account_banned"));
    }

    @Test
    void loginsAreCountedByOutcome() {
        stack.register("counted@example.com");
        stack.login("counted@example.com", UserStack.PASSWORD);
        stack.login("counted@example.com", "wrong password");

        try (HttpClientResponse res = stack.http.get("/observe/metrics").header(HeaderNames.ACCEPT, "text/plain").request()) {
            String metrics = res.as(String.class);
            assertThat(metrics, containsString("meshmall_user_registrations_total"));
            assertThat(metrics, containsString("meshmall_user_logins_total{outcome=\"success\""));
            assertThat(metrics, containsString("meshmall_user_logins_total{outcome=\"invalid\""));
            assertThat(metrics, containsString("outcome=\"locked\""));
            assertThat(metrics, containsString("outcome=\"banned\""));
        }
    }

    @Test
    void aMissingFieldIsNamed() {
        assertThat(stack.loginWith("{\"email\":\"x@example.com\"}", Map.of()).field(), is("password"));
        assertThat(stack.loginWith("{\"password\":\"whatever it is\"}", Map.of()).field(), is("email"));
        assertThat(stack.loginWith("{\"email\":\"x@example.com\",\"password\":\"p\",\"user_id\":\"x\"}", Map.of())
                .status(), is(422));
        assertThat(stack.login("x@example.com", UserStack.PASSWORD).body(), not(containsString(UserStack.PASSWORD)));
    }

    /** The account's rows of failed logins: client and count, by client. */
    private static List<List<String>> failures(String accountId) {
        return stack.rows("SELECT client, failures FROM users.login_failures WHERE account_id = ? ORDER BY client",
                UUID.fromString(accountId));
    }

    private static JsonNode withoutInstance(Reply reply) {
        ObjectNode json = (ObjectNode) reply.json();
        json.remove("instance");
        return json;
    }
}
