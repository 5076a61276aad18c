package dev.meshmall.user;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import dev.meshmall.testing.LogCapture;
import dev.meshmall.testing.Reply;
import dev.meshmall.user.UserStack.Customer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static dev.meshmall.user.Regex.matchesPattern;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CardsTest {
    private static final String PATH = "/api/v1/users/me/cards";
    private static final String NUMBER = "4242424242424242";
    private static final String CVV = "7319";
    /** The CVV as a value of its own, not four digits inside a timestamp or an id. */
    private static final Pattern CVV_ALONE = Pattern.compile("(?<![0-9A-Za-z])" + CVV + "(?![0-9A-Za-z])");
    private static final int NEXT_YEAR = YearMonth.now(ZoneOffset.UTC).getYear() + 1;

    private static LogCapture logs;
    private static UserStack stack;
    private static final List<String> RESPONSES = new CopyOnWriteArrayList<>();

    /** Debug logging on, so a card number in any log line at all would be caught. */
    @BeforeAll
    static void start() {
        logs = new LogCapture();
        stack = UserStack.start(Map.of("log.level", "FINE"));
        logs.attachToLoggers();
    }

    @AfterAll
    static void stop() {
        stack.close();
        logs.close();
    }

    @Test
    void aUserSavesListsAndDeletesACard() {
        Customer me = stack.newCustomer();

        Reply added = post(me, card("4242 4242-4242 4242", 12, NEXT_YEAR, "Ada Lovelace", CVV));
        assertThat(added.status(), is(201));
        JsonNode card = added.json();
        assertThat(card.get("brand").asText(), is("visa"));
        assertThat(card.get("last4").asText(), is("4242"));
        assertThat(card.get("exp_month").asInt(), is(12));
        assertThat(card.get("exp_year").asInt(), is(NEXT_YEAR));
        assertThat(card.get("holder_name").asText(), is("Ada Lovelace"));
        assertThat(card.has("token"), is(false));
        assertThat(card.has("number"), is(false));
        assertThat(card.has("cvv"), is(false));

        Reply list = get(me, PATH);
        assertThat(list.json().get("total").asLong(), is(1L));
        assertThat(list.json().get("items").get(0).get("id").asText(), is(card.get("id").asText()));
        assertThat(list.body(), not(containsString("tok_")));

        String token = stack.rows("SELECT token FROM users.cards WHERE id = ?", UUID.fromString(card.get("id").asText()))
                .getFirst().getFirst();
        assertThat(token, matchesPattern("tok_[A-Za-z0-9_-]{32}"));

        assertThat(stack.delete(PATH + "/" + card.get("id").asText(), me.token()).status(), is(204));
        assertThat(get(me, PATH).json().get("total").asLong(), is(0L));
    }

    @Test
    void theBrandComesFromTheNumber() {
        Customer me = stack.newCustomer();
        List<String[]> cards = List.of(
                new String[] {"5555555555554444", "mastercard"},
                new String[] {"2223003122003222", "mastercard"},
                new String[] {"378282246310005", "amex"},
                new String[] {"6011111111111117", "discover"},
                new String[] {"6500000000000002", "discover"},
                new String[] {"3530111333300000", "unknown"});
        for (String[] c : cards) {
            Reply added = post(me, card(c[0], 1, NEXT_YEAR, "", null));
            assertThat(c[0], added.status(), is(201));
            assertThat(c[0], added.json().get("brand").asText(), is(c[1]));
            assertThat(c[0], added.json().get("last4").asText(), is(c[0].substring(c[0].length() - 4)));
        }
    }

    @Test
    void aNumberMustBeACardNumber() {
        Customer me = stack.newCustomer();
        long before = stack.storedRows();
        for (String number : List.of("4242424242424241", "12345678901", "42424242424242424242", "4242-abcd-4242-4242")) {
            Reply reply = post(me, card(number, 12, NEXT_YEAR, "", null));
            assertThat(number, reply.status(), is(422));
            assertThat(number, reply.code(), is("invalid_card_number"));
            assertThat(number, reply.field(), is("number"));
            assertThat(reply.body(), not(containsString(number)));
        }
        assertThat(stack.storedRows(), is(before));
    }

    @Test
    void anExpiredCardOrAnImpossibleDateIsRefused() {
        Customer me = stack.newCustomer();
        YearMonth lastMonth = YearMonth.now(ZoneOffset.UTC).minusMonths(1);
        YearMonth thisMonth = YearMonth.now(ZoneOffset.UTC);
        long before = stack.storedRows();

        Reply expired = post(me, card(NUMBER, lastMonth.getMonthValue(), lastMonth.getYear(), "", null));
        assertThat(expired.status(), is(422));
        assertThat(expired.code(), is("card_expired"));
        assertThat(post(me, card(NUMBER, 13, NEXT_YEAR, "", null)).field(), is("exp_month"));
        assertThat(post(me, card(NUMBER, 0, NEXT_YEAR, "", null)).field(), is("exp_month"));
        assertThat(post(me, card(NUMBER, -1, NEXT_YEAR, "", null)).field(), is("exp_month"));
        assertThat(post(me, card(NUMBER, 6, 26, "", null)).field(), is("exp_year"));
        assertThat(post(me, card(NUMBER, 6, 99999, "", null)).field(), is("exp_year"));
        assertThat(post(me, card(NUMBER, 6, NEXT_YEAR, "", "12")).field(), is("cvv"));
        assertThat(post(me, card(NUMBER, 6, NEXT_YEAR, "", "12a")).field(), is("cvv"));
        assertThat(post(me, "{\"number\":\"" + NUMBER + "\",\"exp_year\":" + NEXT_YEAR + "}").field(), is("exp_month"));
        assertThat(post(me, "{\"number\":\"" + NUMBER + "\",\"exp_month\":\"12\",\"exp_year\":" + NEXT_YEAR + "}").field(),
                is("exp_month"));
        assertThat(stack.storedRows(), is(before));

        assertThat("a card is good through its expiry month",
                post(me, card(NUMBER, thisMonth.getMonthValue(), thisMonth.getYear(), "", null)).status(), is(201));
    }

    @Test
    void anAccountKeepsAtMostTwentyCards() {
        Customer me = stack.newCustomer();
        for (int i = 0; i < 20; i++) {
            assertThat(post(me, card(NUMBER, 1 + i % 12, NEXT_YEAR, "", null)).status(), is(201));
        }
        Reply one = post(me, card(NUMBER, 1, NEXT_YEAR, "", null));
        assertThat(one.status(), is(409));
        assertThat(one.code(), is("too_many_cards"));
        assertThat(stack.count("SELECT count(*) FROM users.cards WHERE user_id = ?", UUID.fromString(me.id())), is(20L));
    }

    @Test
    void aUserCannotSeeOrDeleteAnotherUsersCard() {
        Customer owner = stack.newCustomer();
        Customer other = stack.newCustomer();
        String id = post(owner, card(NUMBER, 5, NEXT_YEAR, "Owner", CVV)).json().get("id").asText();
        List<List<String>> before = stack.rows("SELECT * FROM users.cards WHERE id = ?", UUID.fromString(id));

        assertThat(get(other, PATH + "/" + id).status(), is(404));
        assertThat(stack.delete(PATH + "/" + id, other.token()).status(), is(404));
        assertThat(get(other, PATH).json().get("total").asLong(), is(0L));
        assertThat(stack.delete(PATH + "/not-a-card", other.token()).status(), is(404));

        assertThat(stack.rows("SELECT * FROM users.cards WHERE id = ?", UUID.fromString(id)), is(before));
        assertThat(get(owner, PATH + "/" + id).status(), is(200));
    }

    /** Runs last, so the responses, rows and logs of every other card test are searched too. */
    @Test
    @Order(Integer.MAX_VALUE)
    void theNumberAndTheCvvAreNowhere() {
        Customer me = stack.newCustomer();
        post(me, card("4242 4242 4242 4242", 8, NEXT_YEAR, "Nowhere", CVV));
        post(me, card(NUMBER, 13, NEXT_YEAR, "Bad month", CVV));
        post(me, card(NUMBER, 8, NEXT_YEAR, "Bad cvv", CVV + "x"));

        List<String> leaks = new ArrayList<>();
        for (String response : RESPONSES) {
            if (response.contains(NUMBER) || response.contains("4242 4242") || CVV_ALONE.matcher(response).find()) {
                leaks.add("response: " + response);
            }
        }
        for (String row : stack.everyStoredRow()) {
            if (row.contains(NUMBER) || row.contains("424242424242") || CVV_ALONE.matcher(row).find()) {
                leaks.add("database: " + row);
            }
        }
        String logged = logs.text();
        assertThat("the logs were captured", logged, containsString("/api/v1/users/me/cards"));
        for (String line : logged.split("\n")) {
            if (line.contains(NUMBER) || line.contains("4242 4242") || CVV_ALONE.matcher(line).find()) {
                leaks.add("log: " + line);
            }
        }
        assertThat(leaks, is(empty()));
    }

    private static Reply post(Customer me, String body) {
        Reply reply = stack.post(PATH, body, me.token());
        RESPONSES.add(reply.headers() + reply.body());
        return reply;
    }

    private static Reply get(Customer me, String path) {
        Reply reply = stack.get(path, me.token());
        RESPONSES.add(reply.headers() + reply.body());
        return reply;
    }

    static String card(String number, int month, int year, String holder, String cvv) {
        return "{\"number\":\"" + number + "\",\"exp_month\":" + month + ",\"exp_year\":" + year
                + ",\"holder_name\":\"" + holder + "\"" + (cvv == null ? "" : ",\"cvv\":\"" + cvv + "\"") + "}";
    }
}
