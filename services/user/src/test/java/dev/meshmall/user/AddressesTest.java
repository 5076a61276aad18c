package dev.meshmall.user;

import java.util.List;
import java.util.UUID;

import dev.meshmall.testing.Concurrently;
import dev.meshmall.testing.Reply;
import dev.meshmall.user.UserStack.Customer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class AddressesTest {
    private static final String PATH = "/api/v1/users/me/addresses";
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
    void aUserSavesReadsReplacesAndDeletesAnAddress() {
        Customer me = stack.newCustomer();

        Reply added = stack.post(PATH, address("Home", "1 Main St", "US"), me.token());
        assertThat(added.status(), is(201));
        JsonNode address = added.json();
        String id = address.get("id").asText();
        assertThat(added.header("location").orElseThrow(), is(PATH + "/" + id));
        assertThat(address.get("street_address").asText(), is("1 Main St"));
        assertThat(address.get("country").asText(), is("US"));
        assertThat(address.get("phone").asText(), is("+1 555 0100"));
        assertThat(address.has("user_id"), is(false));

        assertThat(stack.get(PATH + "/" + id, me.token()).json().get("city").asText(), is("Springfield"));

        Reply replaced = stack.put(PATH + "/" + id, address("Work", "2 Side St", "DE"), me.token());
        assertThat(replaced.status(), is(200));
        assertThat(replaced.json().get("street_address").asText(), is("2 Side St"));
        assertThat(replaced.json().get("country").asText(), is("DE"));

        Reply list = stack.get(PATH, me.token());
        assertThat(list.status(), is(200));
        assertThat(list.json().get("total").asLong(), is(1L));
        assertThat(list.json().get("page").asInt(), is(1));
        assertThat(list.json().get("size").asInt(), is(20));
        assertThat(list.json().get("items").get(0).get("name").asText(), is("Work"));

        assertThat(stack.delete(PATH + "/" + id, me.token()).status(), is(204));
        assertThat(stack.get(PATH + "/" + id, me.token()).status(), is(404));
        assertThat(stack.delete(PATH + "/" + id, me.token()).status(), is(404));
    }

    @Test
    void onlyTheRequiredPartsAreNeeded() {
        Customer me = stack.newCustomer();
        Reply added = stack.post(PATH,
                "{\"street_address\":\"3 Rue\",\"city\":\"Paris\",\"country\":\"FR\",\"zip_code\":\"75001\"}", me.token());
        assertThat(added.status(), is(201));
        assertThat(added.json().get("name").asText(), is(""));
        assertThat(added.json().get("state").asText(), is(""));
    }

    @Test
    void listsArePaged() {
        Customer me = stack.newCustomer();
        for (int i = 0; i < 5; i++) {
            stack.post(PATH, address("A" + i, i + " Main St", "US"), me.token());
        }

        JsonNode second = stack.get(PATH + "?page=2&size=2", me.token()).json();

        assertThat(second.get("total").asLong(), is(5L));
        assertThat(second.get("page").asInt(), is(2));
        assertThat(second.get("size").asInt(), is(2));
        assertThat(second.get("items").size(), is(2));
        assertThat(second.get("items").get(0).get("name").asText(), is("A2"));
        assertThat(stack.get(PATH + "?page=4&size=2", me.token()).json().get("items").size(), is(0));
        for (String bad : List.of("page=0", "page=-1", "size=0", "size=101", "page=x", "size=1.5")) {
            Reply reply = stack.get(PATH + "?" + bad, me.token());
            assertThat(bad, reply.status(), is(422));
            assertThat(bad, reply.field(), is(bad.substring(0, bad.indexOf('='))));
        }
    }

    @Test
    void anAccountKeepsAtMostTwentyAddresses() {
        Customer me = stack.newCustomer();
        for (int i = 0; i < 20; i++) {
            assertThat(stack.post(PATH, address("A" + i, "Street " + i, "US"), me.token()).status(), is(201));
        }

        Reply one = stack.post(PATH, address("Too many", "Street 21", "US"), me.token());

        assertThat(one.status(), is(409));
        assertThat(one.code(), is("too_many_addresses"));
        assertThat(stack.count("SELECT count(*) FROM users.addresses WHERE user_id = ?", UUID.fromString(me.id())), is(20L));
    }

    @Test
    void concurrentSavesDoNotPassTheLimit() throws Exception {
        Customer me = stack.newCustomer();
        List<Integer> statuses = Concurrently.call(30, i -> stack.post(PATH, address("P" + i, "Street " + i, "US"),
                me.token()).status());

        assertThat(statuses.stream().filter(s -> s == 201).count(), is(20L));
        assertThat(statuses.stream().filter(s -> s == 409).count(), is(10L));
        assertThat(stack.count("SELECT count(*) FROM users.addresses WHERE user_id = ?", UUID.fromString(me.id())), is(20L));
    }

    @Test
    void aUserCannotReadChangeOrDeleteAnotherUsersAddress() {
        Customer owner = stack.newCustomer();
        Customer other = stack.newCustomer();
        String id = stack.post(PATH, address("Mine", "4 Private Rd", "GB"), owner.token()).json().get("id").asText();
        List<List<String>> before = stack.rows("SELECT * FROM users.addresses WHERE id = ?", UUID.fromString(id));

        assertThat(stack.get(PATH + "/" + id, other.token()).status(), is(404));
        assertThat(stack.put(PATH + "/" + id, address("Stolen", "5 Thief St", "GB"), other.token()).status(), is(404));
        assertThat(stack.delete(PATH + "/" + id, other.token()).status(), is(404));
        assertThat(stack.get(PATH, other.token()).json().get("total").asLong(), is(0L));

        assertThat(stack.rows("SELECT * FROM users.addresses WHERE id = ?", UUID.fromString(id)), is(before));
        assertThat(stack.get(PATH + "/" + id, owner.token()).status(), is(200));
    }

    @Test
    void anIdThatIsNotAUuidIsNotFound() {
        Customer me = stack.newCustomer();
        assertThat(stack.get(PATH + "/not-a-uuid", me.token()).status(), is(404));
        assertThat(stack.put(PATH + "/123", address("X", "1 St", "US"), me.token()).status(), is(404));
        assertThat(stack.delete(PATH + "/' OR 1=1 --".replace(" ", "%20").replace("'", "%27"), me.token()).status(), is(404));
    }

    @Test
    void theRulesNameTheField() {
        Customer me = stack.newCustomer();
        long before = stack.storedRows();
        List<String[]> cases = List.of(
                new String[] {"country", address("X", "1 St", "us")},
                new String[] {"country", address("X", "1 St", "USA")},
                new String[] {"street_address", address("X", "  ", "US")},
                new String[] {"street_address", address("X", "s".repeat(201), "US")},
                new String[] {"city", "{\"street_address\":\"1 St\",\"country\":\"US\",\"zip_code\":\"1\"}"},
                new String[] {"zip_code", "{\"street_address\":\"1 St\",\"city\":\"C\",\"country\":\"US\"}"},
                new String[] {"phone", "{\"street_address\":\"1 St\",\"city\":\"C\",\"country\":\"US\",\"zip_code\":\"1\","
                        + "\"phone\":\"call me maybe\"}"},
                new String[] {"user_id", "{\"street_address\":\"1 St\",\"city\":\"C\",\"country\":\"US\",\"zip_code\":\"1\","
                        + "\"user_id\":\"" + UUID.randomUUID() + "\"}"});
        for (String[] c : cases) {
            Reply reply = stack.post(PATH, c[1], me.token());
            assertThat(c[1], reply.status(), is(422));
            assertThat(c[1], reply.field(), is(c[0]));
        }
        assertThat(stack.storedRows(), is(before));
    }

    @Test
    void addressesNeedAToken() {
        assertThat(stack.post(PATH, address("X", "1 St", "US")).status(), is(401));
        assertThat(UserStack.getAnonymously(stack.http, PATH).status(), is(401));
    }

    static String address(String name, String street, String country) {
        return "{\"name\":\"" + name + "\",\"street_address\":\"" + street + "\",\"city\":\"Springfield\","
                + "\"state\":\"IL\",\"country\":\"" + country + "\",\"zip_code\":\"62701\",\"phone\":\"+1 555 0100\"}";
    }
}
