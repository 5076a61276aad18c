package dev.meshmall.user;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.meshmall.platform.RunningService;
import dev.meshmall.testing.Reply;
import dev.meshmall.user.UserStack.Customer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

class AdminTest {
    private static final String ADMIN = "Boss@Example.com";
    private static final String ADMIN_PASSWORD = "first admin's passphrase";
    private static UserStack stack;
    private static String admin;
    private static String adminId;

    @BeforeAll
    static void start() {
        stack = UserStack.start(Map.of("meshmall.admin.email", ADMIN, "meshmall.admin.password", ADMIN_PASSWORD));
        JsonNode tokens = stack.tokens("boss@example.com", ADMIN_PASSWORD);
        admin = tokens.get("access_token").asText();
        adminId = Jwts.payload(admin).get("sub").asText();
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theBootstrapAdminLogsInAndBans() {
        assertThat(Jwts.payload(admin).get("roles").toString(), is("[\"customer\",\"admin\"]"));
        Customer target = stack.newCustomer();

        Reply ban = stack.postEmpty(path(target.id()) + "/ban", admin);

        assertThat(ban.status(), is(200));
        assertThat(ban.json().get("id").asText(), is(target.id()));
        assertThat(ban.json().get("status").asText(), is("BANNED"));
        assertThat(stack.postEmpty(path(target.id()) + "/ban", admin).status(), is(200));
        assertThat(stack.login(target.email(), UserStack.PASSWORD).status(), is(403));
    }

    @Test
    void theBootstrapIsIdempotentAndPromotesAnExistingAccount() {
        Customer existing = stack.newCustomer();
        try (RunningService again = stack.userReplica(Map.of());
             RunningService promoting = stack.userReplica(Map.of("meshmall.admin.email", existing.email(),
                     "meshmall.admin.password", "ignored for an existing account"))) {
            assertThat(stack.count("SELECT count(*) FROM users.accounts WHERE email = 'boss@example.com'"), is(1L));
            assertThat(stack.rows("SELECT roles FROM users.accounts WHERE email = 'boss@example.com'").getFirst().getFirst(),
                    is("{customer,admin}"));
            assertThat(stack.rows("SELECT roles FROM users.accounts WHERE id = ?", UUID.fromString(existing.id()))
                    .getFirst().getFirst(), is("{customer,admin}"));
            assertThat("the existing password stays", stack.login(existing.email(), UserStack.PASSWORD).status(), is(200));
        }
    }

    @Test
    void aCustomerCannotUseTheAdminRoutes() {
        Customer customer = stack.newCustomer();
        Customer target = stack.newCustomer();
        long before = stack.storedRows();

        assertThat(stack.get("/api/v1/admin/users", customer.token()).status(), is(403));
        assertThat(stack.get(path(target.id()), customer.token()).status(), is(403));
        assertThat(stack.postEmpty(path(target.id()) + "/ban", customer.token()).status(), is(403));
        assertThat(stack.postEmpty(path(target.id()) + "/unban", customer.token()).status(), is(403));
        Reply promote = stack.put(path(customer.id()) + "/roles", "{\"roles\":[\"admin\"]}", customer.token());
        assertThat(promote.status(), is(403));
        assertThat(promote.code(), is("forbidden"));

        assertThat(stack.storedRows(), is(before));
        assertThat(stack.rows("SELECT status FROM users.accounts WHERE id = ?", UUID.fromString(target.id()))
                .getFirst().getFirst(), is("ACTIVE"));
        assertThat(stack.rows("SELECT roles FROM users.accounts WHERE id = ?", UUID.fromString(customer.id()))
                .getFirst().getFirst(), is("{customer}"));
    }

    @Test
    void anAdminCannotBanThemselvesNorDropTheirAdminRole() {
        Reply ban = stack.postEmpty(path(adminId) + "/ban", admin);
        assertThat(ban.status(), is(409));
        assertThat(ban.code(), is("cannot_ban_self"));

        Reply demote = stack.put(path(adminId) + "/roles", "{\"roles\":[\"customer\"]}", admin);
        assertThat(demote.status(), is(409));
        assertThat(demote.code(), is("cannot_remove_own_admin"));
        assertThat(stack.put(path(adminId) + "/roles", "{\"roles\":[\"customer\",\"merchant\",\"admin\"]}", admin).status(),
                is(200));
    }

    @Test
    void rolesAreANonEmptySetOfKnownRoles() {
        Customer target = stack.newCustomer();
        for (String body : List.of("{\"roles\":[]}", "{\"roles\":[\"root\"]}", "{\"roles\":[\"Admin\"]}", "{}",
                "{\"roles\":\"admin\"}", "{\"roles\":[1]}")) {
            Reply reply = stack.put(path(target.id()) + "/roles", body, admin);
            assertThat(body, reply.status(), is(422));
            assertThat(body, reply.field(), startsWith("roles"));
        }
        Reply merchant = stack.put(path(target.id()) + "/roles", "{\"roles\":[\"merchant\",\"merchant\"]}", admin);
        assertThat(merchant.status(), is(200));
        assertThat(merchant.json().get("roles").toString(), is("[\"merchant\"]"));
    }

    @Test
    void unknownAccountsAreNotFound() {
        String nobody = UUID.randomUUID().toString();
        assertThat(stack.postEmpty(path(nobody) + "/ban", admin).status(), is(404));
        assertThat(stack.postEmpty(path(nobody) + "/unban", admin).status(), is(404));
        assertThat(stack.put(path(nobody) + "/roles", "{\"roles\":[\"customer\"]}", admin).status(), is(404));
        assertThat(stack.get(path("not-an-id"), admin).status(), is(404));
        assertThat(stack.postEmpty(path("not-an-id") + "/ban", admin).status(), is(404));
    }

    @Test
    void aDeletedAccountCannotBeBannedOrRevived() {
        Customer gone = stack.newCustomer();
        assertThat(stack.delete("/api/v1/users/me", gone.token()).status(), is(204));

        Reply ban = stack.postEmpty(path(gone.id()) + "/ban", admin);
        assertThat(ban.status(), is(409));
        assertThat(ban.code(), is("account_deleted"));
        assertThat(stack.postEmpty(path(gone.id()) + "/unban", admin).status(), is(409));
    }

    @Test
    void anAdminFindsAccountsByEmailPrefix() {
        stack.register("findme.one@example.org");
        stack.register("findme.two@example.org");
        stack.register("other@example.org");

        Reply found = stack.get("/api/v1/admin/users?q=FindMe.&size=1", admin);

        assertThat(found.status(), is(200));
        assertThat(found.json().get("total").asLong(), is(2L));
        assertThat(found.json().get("size").asInt(), is(1));
        assertThat(found.json().get("items").get(0).get("email").asText(), is("findme.one@example.org"));
        assertThat(stack.get("/api/v1/admin/users?q=%25", admin).json().get("total").asLong(), is(0L));
        assertThat(stack.get("/api/v1/admin/users?q=findme_", admin).json().get("total").asLong(), is(0L));
        assertThat(stack.get("/api/v1/admin/users?size=500", admin).status(), is(422));
        String id = found.json().get("items").get(0).get("id").asText();
        assertThat(stack.get(path(id), admin).json().get("email").asText(), is("findme.one@example.org"));
        assertThat(stack.get("/api/v1/users/" + id, admin).status(), is(200));
    }

    private static String path(String id) {
        return "/api/v1/admin/users/" + id;
    }
}
