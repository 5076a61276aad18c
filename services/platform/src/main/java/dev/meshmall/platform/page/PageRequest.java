package dev.meshmall.platform.page;

import java.util.Optional;

import dev.meshmall.platform.error.DomainError;

/** Which page of a list to answer, the same for every list of the REST and gRPC APIs: {@code page} from 1, {@code size} 1 to 100. */
public record PageRequest(int page, int size) {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;

    public PageRequest {
        if (page < 1) {
            throw DomainError.invalid("page", "page starts at 1");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw DomainError.invalid("size", "size is 1 to " + MAX_SIZE);
        }
    }

    /** From query parameters; absent ones take the defaults. */
    public static PageRequest parse(Optional<String> page, Optional<String> size) {
        return new PageRequest(number("page", page, 1), number("size", size, DEFAULT_SIZE));
    }

    /** From the gRPC contract, where 0 means the default (a negative number is refused by the bounds). */
    public static PageRequest orDefaults(int page, int size) {
        return new PageRequest(page == 0 ? 1 : page, size == 0 ? DEFAULT_SIZE : size);
    }

    public long offset() {
        return (long) (page - 1) * size;
    }

    private static int number(String field, Optional<String> value, int otherwise) {
        if (value.isEmpty()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.get().trim());
        } catch (NumberFormatException e) {
            throw DomainError.invalid(field, field + " must be a whole number");
        }
    }
}
