package dev.meshmall.auth.biz;

import java.time.Duration;
import java.util.function.Supplier;

/** The token settings, read at every issue so that a configuration change applies to the next token. */
public record TokenPolicy(Supplier<String> issuer, Supplier<String> audience,
                          Supplier<Duration> accessTokenTtl, Supplier<Duration> refreshTokenTtl) {
}
