package dev.meshmall.user.biz;

import java.util.Optional;

/** What a user changes in their profile; an empty part stays as it is. */
public record ProfileChange(Optional<String> name, Optional<String> password, Optional<String> currentPassword) {
    @Override
    public String toString() {
        return "ProfileChange[name=" + name.isPresent() + ", password=" + password.isPresent() + "]";
    }
}
