package dev.meshmall.order.biz;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.text.Emails;
import dev.meshmall.platform.text.Ids;
import dev.meshmall.platform.text.Texts;

/**
 * What makes an order acceptable: its lines, one currency, a usable email and shipping address; and how it is
 * priced: from product's reservation, never from the caller.
 */
public final class OrderRules {
    public static final int MAX_LINES = 100;
    public static final int MAX_QUANTITY = 999;
    /** A trillion minor units a piece; with the other bounds a total stays far inside a long. */
    public static final long MAX_UNIT_PRICE = 1_000_000_000_000L;
    private static final int MAX_KEY = 200;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{3,32}");
    /** Never in a checked text (control characters are refused), so fields cannot run into each other. */
    private static final char SEPARATOR = '\u001f';

    private OrderRules() {
    }

    public static NewOrder check(UUID owner, OrderRequest request) {
        String key = Texts.required("idempotency_key", request.idempotencyKey(), MAX_KEY);
        String currency = currency(request.currency());
        List<RequestedLine> lines = lines(request.items(), currency);
        String email = Emails.normalize("email", request.email());
        Address address = address("address", request.address());
        return new NewOrder(owner, key, fingerprint(lines, currency, email, address), lines, currency, email,
                address);
    }

    /**
     * The order's lines with the names and unit prices product reserved them at, in the order they were asked.
     * Product checked the expected prices and the currency in the reservation; an answer that does not match
     * what was asked (a line missing or added, another quantity, currency or price) is product's fault, and no
     * order is priced from it.
     */
    public static List<OrderLine> price(NewOrder order, List<ReservedLine> reserved) {
        Map<UUID, ReservedLine> byProduct = new HashMap<>();
        reserved.forEach(line -> byProduct.put(line.productId(), line));
        if (byProduct.size() != order.lines().size()) {
            throw mismatch(order.lines().size() + " lines asked, " + byProduct.size() + " reserved");
        }
        List<OrderLine> lines = new ArrayList<>();
        for (RequestedLine asked : order.lines()) {
            ReservedLine got = byProduct.get(asked.productId());
            if (got == null || got.quantity() != asked.quantity()) {
                throw mismatch("product " + asked.productId() + " is not reserved as asked");
            }
            Money price = got.unitPrice();
            boolean expected = asked.expectedUnitPrice().map(price::equals).orElse(true);
            if (!expected || !price.currency().equals(order.currency()) || price.amount() < 0
                    || price.amount() > MAX_UNIT_PRICE) {
                throw mismatch("product " + asked.productId() + " is reserved at " + price.amount() + " "
                        + price.currency());
            }
            lines.add(new OrderLine(asked.productId(), got.name(), asked.quantity(), price.amount()));
        }
        return lines;
    }

    /** The sum of the lines' costs. */
    public static long total(List<OrderLine> lines) {
        return lines.stream().mapToLong(OrderLine::cost).reduce(0, Math::addExact);
    }

    private static DomainError mismatch(String detail) {
        return new DomainError(ErrorKind.INTERNAL, "reservation_mismatch",
                "product answered a reservation that is not the order's: " + detail);
    }

    public static OrderChange check(OrderChange change) {
        return new OrderChange(change.email().map(email -> Emails.normalize("email", email)),
                change.address().map(address -> address("address", address)));
    }

    private static String currency(String raw) {
        String currency = raw.strip();
        if (!CURRENCY.matcher(currency).matches()) {
            throw DomainError.invalid("currency", "currency is an ISO 4217 code in upper case, like USD");
        }
        return currency;
    }

    private static List<RequestedLine> lines(List<OrderRequest.Line> items, String currency) {
        if (items.isEmpty() || items.size() > MAX_LINES) {
            throw DomainError.invalid("items", "an order has 1 to " + MAX_LINES + " items");
        }
        List<RequestedLine> lines = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            RequestedLine line = line("items[" + i + "]", items.get(i), currency);
            if (!seen.add(line.productId())) {
                String field = "items[" + i + "].product_id";
                throw DomainError.invalid(field, field + " names a product listed before: each product is listed once");
            }
            lines.add(line);
        }
        return lines;
    }

    private static RequestedLine line(String field, OrderRequest.Line item, String currency) {
        UUID product = Ids.field(item.productId(), field + ".product_id");
        if (item.quantity() < 1 || item.quantity() > MAX_QUANTITY) {
            throw DomainError.invalid(field + ".quantity", field + ".quantity is 1 to " + MAX_QUANTITY);
        }
        item.expectedUnitPrice().ifPresent(price -> {
            String priceField = field + ".expected_unit_price";
            if (price.amount() < 0 || price.amount() > MAX_UNIT_PRICE) {
                throw DomainError.invalid(priceField + ".amount", priceField + ".amount is 0 to " + MAX_UNIT_PRICE
                        + " minor units");
            }
            if (!currency.equals(price.currency())) {
                throw DomainError.invalid(priceField + ".currency", priceField
                        + ".currency must be the order's currency " + currency);
            }
        });
        return new RequestedLine(product, item.quantity(), item.expectedUnitPrice());
    }

    static Address address(String field, Address a) {
        return new Address(
                Texts.optional(field + ".name", a.name(), 100),
                Texts.required(field + ".street_address", a.streetAddress(), 200),
                Texts.required(field + ".city", a.city(), 100),
                Texts.optional(field + ".state", a.state(), 100),
                country(field + ".country", a.country()),
                Texts.optional(field + ".zip_code", a.zipCode(), 20),
                phone(field + ".phone", a.phone()));
    }

    private static String country(String field, String raw) {
        String country = Texts.required(field, raw, 2);
        if (!COUNTRY.matcher(country).matches()) {
            throw DomainError.invalid(field, field + " is an ISO 3166-1 alpha-2 code in upper case, like US or DE");
        }
        return country;
    }

    private static String phone(String field, String raw) {
        String phone = Texts.optional(field, raw, 32);
        if (!phone.isEmpty() && !PHONE.matcher(phone).matches()) {
            throw DomainError.invalid(field, field + " may hold digits, spaces, + ( ) . / and -");
        }
        return phone;
    }

    /** SHA-256 of the checked request, its lines in product order: the same order asked again hashes the same. */
    private static String fingerprint(List<RequestedLine> lines, String currency, String email, Address address) {
        List<String> parts = new ArrayList<>(List.of(currency, email, address.name(), address.streetAddress(),
                address.city(), address.state(), address.country(), address.zipCode(), address.phone()));
        lines.stream().sorted(Comparator.comparing(RequestedLine::productId)).forEach(line -> parts.addAll(List.of(
                line.productId().toString(), Integer.toString(line.quantity()),
                line.expectedUnitPrice().map(price -> Long.toString(price.amount())).orElse("-"))));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join(String.valueOf(SEPARATOR), parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
