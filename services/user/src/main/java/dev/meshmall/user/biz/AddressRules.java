package dev.meshmall.user.biz;

import java.util.regex.Pattern;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.text.Texts;

/** What makes a shipping address usable: the parts a carrier needs, within sane lengths. */
final class AddressRules {
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()./-]{3,32}");

    private AddressRules() {
    }

    static Address check(Address a) {
        return new Address(
                Texts.optional("name", a.name(), 100),
                Texts.required("street_address", a.streetAddress(), 200),
                Texts.required("city", a.city(), 100),
                Texts.optional("state", a.state(), 100),
                country(a.country()),
                Texts.required("zip_code", a.zipCode(), 20),
                phone(a.phone()));
    }

    private static String country(String raw) {
        String country = Texts.required("country", raw, 2);
        if (!COUNTRY.matcher(country).matches()) {
            throw DomainError.invalid("country", "country is an ISO 3166-1 alpha-2 code in upper case, like US or DE");
        }
        return country;
    }

    private static String phone(String raw) {
        String phone = Texts.optional("phone", raw, 32);
        if (!phone.isEmpty() && !PHONE.matcher(phone).matches()) {
            throw DomainError.invalid("phone", "phone may hold digits, spaces, + ( ) . / and -");
        }
        return phone;
    }
}
