package dev.meshmall.auth.biz;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The rules of the key ring, read afresh at each use so a configuration change applies without a restart.
 *
 * @param algorithm       the algorithm of the keys created from now on
 * @param rotateAfter     the age at which the newest key is replaced
 * @param activationDelay how long a new key is published before it signs, so that every replica and every
 *                        cached JWKS knows it before the first token it signs arrives
 * @param accessTokenTtl  the lifetime of access tokens: a superseded key stays published that long
 */
public record KeyPolicy(Supplier<SigningAlgorithm> algorithm, Supplier<Duration> rotateAfter,
                        Supplier<Duration> activationDelay, Supplier<Duration> accessTokenTtl) {
}
