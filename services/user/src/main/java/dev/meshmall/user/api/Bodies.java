package dev.meshmall.user.api;

import java.time.Instant;
import java.util.List;

import dev.meshmall.user.biz.Account;
import dev.meshmall.platform.page.Page;
import dev.meshmall.user.biz.Role;
import dev.meshmall.user.biz.SavedCard;
import dev.meshmall.user.biz.StoredAddress;

/** The JSON shapes of the REST API (snake_case on the wire). A field absent from a request is null here. */
final class Bodies {
    private Bodies() {
    }

    record Registration(String email, String password, String name) {
        @Override
        public String toString() {
            return "Registration[email=" + email + "]";
        }
    }

    record ProfilePatch(String name, String password, String currentPassword) {
        @Override
        public String toString() {
            return "ProfilePatch[name=" + name + "]";
        }
    }

    record AddressInput(String name, String streetAddress, String city, String state, String country,
                        String zipCode, String phone) {
    }

    record CardInput(String number, Integer expMonth, Integer expYear, String holderName, String cvv) {
        @Override
        public String toString() {
            return "CardInput[expMonth=" + expMonth + ", expYear=" + expYear + "]";
        }
    }

    record RolesInput(List<String> roles) {
    }

    record User(String id, String email, String name, List<String> roles, String status, Instant createdAt) {
        static User of(Account account) {
            return new User(account.id().toString(), account.email(), account.name(),
                    account.roles().stream().map(Role::wireName).toList(), account.status().name(),
                    account.createdAt());
        }
    }

    record AddressView(String id, String name, String streetAddress, String city, String state, String country,
                       String zipCode, String phone, Instant createdAt, Instant updatedAt) {
        static AddressView of(StoredAddress stored) {
            var a = stored.address();
            return new AddressView(stored.id().toString(), a.name(), a.streetAddress(), a.city(), a.state(),
                    a.country(), a.zipCode(), a.phone(), stored.createdAt(), stored.updatedAt());
        }
    }

    /** A saved card over REST: never the number, never the processor's token. */
    record CardView(String id, String brand, String last4, int expMonth, int expYear, String holderName,
                    Instant createdAt) {
        static CardView of(SavedCard card) {
            return new CardView(card.id().toString(), card.brand(), card.last4(), card.expMonth(), card.expYear(),
                    card.holderName(), card.createdAt());
        }
    }

    record PageView<T>(List<T> items, int page, int size, long total) {
        static <T> PageView<T> of(Page<T> page) {
            return new PageView<>(page.items(), page.page(), page.size(), page.total());
        }
    }
}
