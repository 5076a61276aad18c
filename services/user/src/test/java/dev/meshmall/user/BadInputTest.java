package dev.meshmall.user;

import java.util.List;
import java.util.Map;

import dev.meshmall.testing.Reply;
import dev.meshmall.user.UserStack.Customer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

/** Whatever a client sends, a bad request is a problem document and changes nothing. */
class BadInputTest {
    private static UserStack stack;
    private static Customer customer;

    @BeforeAll
    static void start() {
        stack = UserStack.start();
        customer = stack.newCustomer();
        stack.post("/api/v1/users/me/addresses", AddressesTest.address("Home", "1 Main St", "US"), customer.token());
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void malformedJsonIs400() {
        long before = stack.storedRows();
        refused(stack.post("/api/v1/users", "{\"email\":"), 400);
        refused(stack.post("/api/v1/users", "not json at all"), 400);
        refused(stack.post("/api/v1/users", "[]"), 400);
        refused(stack.loginWith("{\"email\":\"a@b.co\",}", Map.of()), 400);
        refused(stack.post("/api/v1/users/me/addresses", "{", customer.token()), 400);
        refused(stack.patch("/api/v1/users/me", "", customer.token()), 400);
        refused(stack.put("/api/v1/admin/users/" + customer.id() + "/roles", "{\"roles\":[", customer.token()), 403);
        assertThat(stack.storedRows(), is(before));
    }

    @Test
    void wrongTypesNameTheField() {
        long before = stack.storedRows();
        Reply reply = stack.post("/api/v1/users", "{\"email\":[\"a@b.co\"],\"password\":\"" + UserStack.PASSWORD
                + "\",\"name\":\"N\"}");
        refused(reply, 422);
        assertThat(reply.field(), is("email"));
        Reply password = stack.post("/api/v1/users", "{\"email\":\"typed@b.co\",\"password\":12345678,\"name\":\"N\"}");
        assertThat(password.toString(), password.field(), is("password"));
        Reply name = stack.patch("/api/v1/users/me", "{\"name\":{\"first\":\"A\"}}", customer.token());
        refused(name, 422);
        assertThat(name.field(), is("name"));
        Reply month = stack.post("/api/v1/users/me/cards", "{\"number\":\"4242424242424242\",\"exp_month\":\"12\","
                + "\"exp_year\":2030}", customer.token());
        refused(month, 422);
        assertThat(month.field(), is("exp_month"));
        assertThat(stack.storedRows(), is(before));
        assertThat(stack.get("/api/v1/users/me", customer.token()).json().get("name").asText(), is("Test User"));
    }

    @Test
    void fieldsTheApiDoesNotTakeAreRefusedNotHonoured() {
        long before = stack.storedRows();
        for (String extra : List.of("\"roles\":[\"admin\"]", "\"user_id\":\"00000000-0000-0000-0000-000000000001\"",
                "\"status\":\"ACTIVE\"", "\"id\":\"00000000-0000-0000-0000-000000000001\"")) {
            Reply reply = stack.post("/api/v1/users", "{\"email\":\"sneaky@example.com\",\"password\":\""
                    + UserStack.PASSWORD + "\",\"name\":\"Sneaky\"," + extra + "}");
            refused(reply, 422);
            assertThat(extra, reply.field(), is(extra.substring(1, extra.indexOf('"', 1))));
        }
        refused(stack.patch("/api/v1/users/me", "{\"roles\":[\"admin\"]}", customer.token()), 422);
        refused(stack.patch("/api/v1/users/me", "{\"email\":\"new@example.com\"}", customer.token()), 422);
        assertThat(stack.storedRows(), is(before));
        assertThat(stack.get("/api/v1/users/me", customer.token()).json().get("roles").toString(), is("[\"customer\"]"));
    }

    @Test
    void oversizedBodiesAre413() {
        String huge = "x".repeat(70_000);
        refused(stack.post("/api/v1/users", "{\"email\":\"big@example.com\",\"password\":\"" + UserStack.PASSWORD
                + "\",\"name\":\"" + huge + "\"}"), 413);
        refused(stack.post("/api/v1/users/me/addresses", AddressesTest.address(huge, "1 St", "US"), customer.token()), 413);
    }

    @Test
    void absurdValuesChangeNothing() {
        long before = stack.storedRows();
        String tenThousand = "n".repeat(10_000);
        refused(stack.post("/api/v1/users", UserStack.registration("absurd@example.com", UserStack.PASSWORD, tenThousand)), 422);
        refused(stack.patch("/api/v1/users/me", "{\"name\":\"" + tenThousand + "\"}", customer.token()), 422);
        refused(stack.post("/api/v1/users/me/cards", CardsTest.card("4242424242424242", 13, 2030, "", null),
                customer.token()), 422);
        refused(stack.post("/api/v1/users/me/cards", CardsTest.card("4242424242424242", -3, -2030, "", null),
                customer.token()), 422);
        refused(stack.post("/api/v1/users/me/cards", "{\"number\":\"4242424242424242\",\"exp_month\":99999999999,"
                + "\"exp_year\":2030}", customer.token()), 422);
        refused(stack.post("/api/v1/users/me/addresses", AddressesTest.address(tenThousand, "1 St", "US"), customer.token()),
                422);
        refused(stack.get("/api/v1/users/me/addresses?size=-5", customer.token()), 422);
        refused(stack.get("/api/v1/users/me/addresses?page=99999999999", customer.token()), 422);

        assertThat(stack.storedRows(), is(before));
        assertThat(stack.get("/api/v1/users/me", customer.token()).json().get("name").asText(), is("Test User"));
    }

    private static void refused(Reply reply, int status) {
        assertThat(reply.toString(), reply.status(), is(status));
        assertThat(reply.headers().get("content-type"), startsWith("application/problem+json"));
        assertThat(reply.json().get("status").asInt(), is(status));
    }
}
