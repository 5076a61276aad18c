package dev.meshmall.user;

import java.time.Year;
import java.util.UUID;

import dev.meshmall.testing.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/** A user's own account over time: renamed, its password changed, deleted. */
class AccountLifecycleTest {
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
    void aUserReadsAndRenamesTheirAccount() {
        String id = stack.register("rename@example.com");
        String token = stack.accessToken("rename@example.com");

        Reply me = stack.get("/api/v1/users/me", token);
        assertThat(me.json().get("id").asText(), is(id));
        assertThat(me.json().get("name").asText(), is("Test User"));

        Reply renamed = stack.patch("/api/v1/users/me", "{\"name\":\"  New Name \"}", token);
        assertThat(renamed.status(), is(200));
        assertThat(renamed.json().get("name").asText(), is("New Name"));
        assertThat(stack.get("/api/v1/users/me", token).json().get("name").asText(), is("New Name"));
        assertThat("an empty patch changes nothing", stack.patch("/api/v1/users/me", "{}", token).json().get("name").asText(),
                is("New Name"));
        assertThat(stack.patch("/api/v1/users/me", "{\"name\":\"\"}", token).field(), is("name"));
    }

    @Test
    void aNewPasswordNeedsTheCurrentOneAndEndsEverySession() {
        stack.register("changer@example.com");
        JsonNode session = stack.tokens("changer@example.com", UserStack.PASSWORD);
        String token = session.get("access_token").asText();
        String hashBefore = hash("changer@example.com");

        Reply missing = stack.patch("/api/v1/users/me", "{\"password\":\"a brand new passphrase\"}", token);
        assertThat(missing.status(), is(422));
        assertThat(missing.field(), is("current_password"));
        Reply wrong = stack.patch("/api/v1/users/me",
                "{\"password\":\"a brand new passphrase\",\"current_password\":\"not it at all\"}", token);
        assertThat(wrong.status(), is(403));
        assertThat(wrong.code(), is("wrong_password"));
        Reply weak = stack.patch("/api/v1/users/me",
                "{\"password\":\"short\",\"current_password\":\"" + UserStack.PASSWORD + "\"}", token);
        assertThat(weak.field(), is("password"));
        assertThat(hash("changer@example.com"), is(hashBefore));

        Reply changed = stack.patch("/api/v1/users/me",
                "{\"password\":\"a brand new passphrase\",\"current_password\":\"" + UserStack.PASSWORD + "\"}", token);

        assertThat(changed.status(), is(200));
        assertThat(hash("changer@example.com"), not(hashBefore));
        assertThat(stack.login("changer@example.com", UserStack.PASSWORD).status(), is(401));
        assertThat(stack.login("changer@example.com", "a brand new passphrase").status(), is(200));
        Reply refresh = stack.refresh(session.get("refresh_token").asText());
        assertThat("the sessions of the old password are revoked", refresh.status(), is(401));
    }

    @Test
    void aDeletedAccountIsScrubbedAndItsEmailIsFreeAgain() {
        String id = stack.register("leaver@example.com", UserStack.PASSWORD, "Leaving Soon");
        JsonNode session = stack.tokens("leaver@example.com", UserStack.PASSWORD);
        String token = session.get("access_token").asText();
        stack.post("/api/v1/users/me/addresses", AddressesTest.address("Home", "1 Main St", "US"), token);
        stack.post("/api/v1/users/me/cards", CardsTest.card("4242424242424242", 12, Year.now().getValue() + 1, "", null), token);
        stack.loginFrom("203.0.113.5", "leaver@example.com", "a guess");

        assertThat(stack.delete("/api/v1/users/me", token).status(), is(204));

        var row = stack.rows("SELECT status, email, name, password_hash FROM users.accounts WHERE id = ?",
                UUID.fromString(id)).getFirst();
        assertThat(row.get(0), is("DELETED"));
        assertThat(row.get(1), is("deleted+" + id + "@invalid"));
        assertThat(row.get(2), is(""));
        assertThat(row.get(3), is((String) null));
        assertThat(stack.count("SELECT count(*) FROM users.addresses WHERE user_id = ?", UUID.fromString(id)), is(0L));
        assertThat(stack.count("SELECT count(*) FROM users.cards WHERE user_id = ?", UUID.fromString(id)), is(0L));
        assertThat(stack.count("SELECT count(*) FROM users.login_failures WHERE account_id = ?", UUID.fromString(id)),
                is(0L));

        Reply login = stack.login("leaver@example.com", UserStack.PASSWORD);
        assertThat(login.status(), is(401));
        assertThat(login.code(), is("invalid_credentials"));
        assertThat(stack.refresh(session.get("refresh_token").asText()).status(), is(401));
        assertThat(stack.get("/api/v1/users/me", token).status(), is(404));
        assertThat("deleting again changes nothing", stack.delete("/api/v1/users/me", token).status(), is(204));

        String again = stack.register("leaver@example.com");
        assertThat(again, not(id));
        assertThat(stack.login("leaver@example.com", UserStack.PASSWORD).status(), is(200));
    }

    private static String hash(String email) {
        return stack.rows("SELECT password_hash FROM users.accounts WHERE email = ?", email).getFirst().getFirst();
    }
}
