package dev.meshmall.user;

import java.util.Map;
import java.util.UUID;

import dev.meshmall.testing.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.isOneOf;
import static org.hamcrest.Matchers.not;

/** A session across both services: login and refresh at auth, the password, bans and roles decided at user. */
class SessionFlowTest {
    private static final String ADMIN = "root@example.com";
    private static final String ADMIN_PASSWORD = "the admin's own passphrase";
    private static UserStack stack;

    @BeforeAll
    static void start() {
        stack = UserStack.start(Map.of("meshmall.admin.email", ADMIN, "meshmall.admin.password", ADMIN_PASSWORD));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void aSessionRotatesDiesOnReuseAndFollowsBansAndRoles() {
        String admin = stack.tokens(ADMIN, ADMIN_PASSWORD).get("access_token").asText();
        String alice = stack.register("alice@example.com");

        JsonNode first = stack.tokens("alice@example.com", UserStack.PASSWORD);
        Reply rotated = stack.refresh(first.get("refresh_token").asText());
        assertThat(rotated.status(), is(200));
        JsonNode second = rotated.json();
        assertThat(second.get("refresh_token").asText(), not(first.get("refresh_token").asText()));
        assertThat(stack.get("/api/v1/users/me", second.get("access_token").asText()).json().get("id").asText(), is(alice));

        Reply reused = stack.refresh(first.get("refresh_token").asText());
        assertThat(reused.status(), is(401));
        assertThat("the whole family died with the reuse",
                stack.refresh(second.get("refresh_token").asText()).status(), is(401));

        JsonNode beforeBan = stack.tokens("alice@example.com", UserStack.PASSWORD);
        Reply ban = stack.postEmpty("/api/v1/admin/users/" + alice + "/ban", admin);
        assertThat(ban.status(), is(200));
        assertThat(ban.json().get("status").asText(), is("BANNED"));
        Reply refreshAfterBan = stack.refresh(beforeBan.get("refresh_token").asText());
        assertThat(refreshAfterBan.status(), is(401));
        // the ban revoked the tokens at auth; were that call lost, auth's own account check refuses them
        assertThat(refreshAfterBan.code(), isOneOf("account_disabled", "invalid_refresh_token"));
        Reply bannedLogin = stack.login("alice@example.com", UserStack.PASSWORD);
        assertThat(bannedLogin.status(), is(403));
        assertThat(bannedLogin.code(), is("account_banned"));

        Reply unban = stack.postEmpty("/api/v1/admin/users/" + alice + "/unban", admin);
        assertThat(unban.status(), is(200));
        assertThat(unban.json().get("status").asText(), is("ACTIVE"));
        JsonNode afterUnban = stack.tokens("alice@example.com", UserStack.PASSWORD);
        assertThat(Jwts.payload(afterUnban.get("access_token").asText()).get("roles").toString(), is("[\"customer\"]"));

        Reply roles = stack.put("/api/v1/admin/users/" + alice + "/roles", "{\"roles\":[\"merchant\",\"customer\"]}", admin);
        assertThat(roles.status(), is(200));
        assertThat(roles.json().get("roles").toString(), is("[\"customer\",\"merchant\"]"));
        Reply refreshed = stack.refresh(afterUnban.get("refresh_token").asText());
        assertThat(refreshed.status(), is(200));
        String newAccess = refreshed.json().get("access_token").asText();
        assertThat(Jwts.payload(newAccess).get("roles").toString(), is("[\"customer\",\"merchant\"]"));
        assertThat(Jwts.payload(newAccess).get("sub").asText(), is(alice));
    }

    @Test
    void authRefusesTheRefreshOfAnAccountBannedEvenIfItsTokensWereNotRevoked() {
        String bob = stack.register("bob@example.com");
        JsonNode tokens = stack.tokens("bob@example.com", UserStack.PASSWORD);
        stack.rows("UPDATE users.accounts SET status = 'BANNED' WHERE id = ?", UUID.fromString(bob));

        Reply refresh = stack.refresh(tokens.get("refresh_token").asText());

        assertThat(refresh.status(), is(401));
        assertThat(refresh.code(), is("account_disabled"));
    }
}
