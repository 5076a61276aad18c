package dev.meshmall.user;

import java.util.List;
import java.util.UUID;

import dev.meshmall.testing.Concurrently;
import dev.meshmall.testing.Reply;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.meshmall.user.Regex.matchesPattern;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

class RegistrationTest {
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
    void aNewAccountIsAnActiveCustomerAndNeverShowsItsPassword() {
        Reply reply = stack.post("/api/v1/users", UserStack.registration("  Ada.Lovelace@Example.COM ", UserStack.PASSWORD,
                "  Ada Lovelace "));

        assertThat(reply.status(), is(201));
        JsonNode user = reply.json();
        String id = user.get("id").asText();
        assertThat(id, matchesPattern("[0-9a-f-]{36}"));
        assertThat(reply.header("location").orElseThrow(), is("/api/v1/users/" + id));
        assertThat(user.get("email").asText(), is("ada.lovelace@example.com"));
        assertThat(user.get("name").asText(), is("Ada Lovelace"));
        assertThat(user.get("roles").toString(), is("[\"customer\"]"));
        assertThat(user.get("status").asText(), is("ACTIVE"));
        assertThat(user.get("created_at").asText(), matchesPattern("\\d{4}-\\d\\d-\\d\\dT.*Z"));
        assertThat(user.size(), is(6));
        assertThat(reply.body(), not(containsString("argon2")));
        assertThat(reply.body(), not(containsString(UserStack.PASSWORD)));

        List<List<String>> stored = stack.rows("SELECT email, password_hash, roles, status FROM users.accounts WHERE id = ?",
                UUID.fromString(id));
        assertThat(stored.getFirst().get(0), is("ada.lovelace@example.com"));
        assertThat(stored.getFirst().get(1), matchesPattern("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"));
        assertThat(stored.getFirst().get(2), is("{customer}"));
        assertThat(stored.getFirst().get(3), is("ACTIVE"));
    }

    @Test
    void theLocationOfANewAccountIsItsOwnersToRead() {
        String email = "located@example.com";
        String id = stack.register(email);
        String token = stack.accessToken(email);

        Reply own = stack.get("/api/v1/users/" + id, token);
        assertThat(own.status(), is(200));
        assertThat(own.json().get("email").asText(), is(email));
        assertThat(stack.get("/api/v1/users/" + id, stack.newCustomer().token()).status(), is(404));
    }

    @Test
    void anEmailIsTakenWhateverItsCase() {
        stack.register("grace@example.com");
        long before = stack.storedRows();

        Reply again = stack.post("/api/v1/users", UserStack.registration("GRACE@Example.com", "another passphrase", "Grace"));

        assertThat(again.status(), is(409));
        assertThat(again.code(), is("email_taken"));
        assertThat(again.headers().get("content-type"), startsWith("application/problem+json"));
        assertThat(stack.storedRows(), is(before));
    }

    @Test
    void eachRuleNamesTheFieldItRefuses() {
        String longEmail = "a".repeat(250) + "@example.com";
        List<String[]> cases = List.of(
                new String[] {"email", registration("not-an-email", UserStack.PASSWORD, "Name")},
                new String[] {"email", registration("two@at@example.com", UserStack.PASSWORD, "Name")},
                new String[] {"email", registration("nodot@localhost", UserStack.PASSWORD, "Name")},
                new String[] {"email", registration("spa ce@example.com", UserStack.PASSWORD, "Name")},
                new String[] {"email", registration(longEmail, UserStack.PASSWORD, "Name")},
                new String[] {"email", "{\"password\":\"" + UserStack.PASSWORD + "\",\"name\":\"Name\"}"},
                new String[] {"password", registration("p1@example.com", "short", "Name")},
                new String[] {"password", registration("p2@example.com", "x".repeat(129), "Name")},
                new String[] {"password", registration("p3@example.com", "P3@Example.com", "Name")},
                new String[] {"password", "{\"email\":\"p4@example.com\",\"name\":\"Name\"}"},
                new String[] {"name", registration("n1@example.com", UserStack.PASSWORD, "   ")},
                new String[] {"name", registration("n2@example.com", UserStack.PASSWORD, "n".repeat(101))},
                new String[] {"name", registration("n3@example.com", UserStack.PASSWORD, "bell\\u0007")},
                new String[] {"name", registration("n4@example.com", UserStack.PASSWORD, "nul\\u0000")},
                new String[] {"name", "{\"email\":\"n5@example.com\",\"password\":\"" + UserStack.PASSWORD + "\"}"});
        long before = stack.storedRows();

        for (String[] c : cases) {
            Reply reply = stack.post("/api/v1/users", c[1]);
            assertThat(c[1], reply.status(), is(422));
            assertThat(c[1], reply.field(), is(c[0]));
        }
        assertThat(stack.storedRows(), is(before));
    }

    @Test
    void passwordsFollowNistNotCompositionRules() {
        assertThat(stack.post("/api/v1/users", registration("simple@example.com", "all lower case words", "S")).status(),
                is(201));
        assertThat(stack.post("/api/v1/users", registration("eight@example.com", "12345678", "E")).status(), is(201));
        assertThat(stack.post("/api/v1/users", registration("unicode@example.com", "pässwört 密码 🔑", "U")).status(),
                is(201));
        assertThat(stack.post("/api/v1/users", registration("max@example.com", "y".repeat(128), "M")).status(), is(201));
    }

    @Test
    void twentyConcurrentRegistrationsOfOneEmailCreateOneAccount() throws Exception {
        List<Integer> statuses = Concurrently.call(20, i -> stack.post("/api/v1/users",
                registration(i % 2 == 0 ? "race@example.com" : "RACE@example.com", UserStack.PASSWORD, "Racer"))
                .status());

        assertThat(statuses.stream().filter(s -> s == 201).count(), is(1L));
        assertThat(statuses.stream().filter(s -> s == 409).count(), is(19L));
        assertThat(stack.count("SELECT count(*) FROM users.accounts WHERE email = 'race@example.com'"), is(1L));
    }

    private static String registration(String email, String password, String name) {
        return UserStack.registration(email, password, name);
    }
}
