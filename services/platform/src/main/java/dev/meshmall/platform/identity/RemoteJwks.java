package dev.meshmall.platform.identity;

import java.text.ParseException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.helidon.http.Status;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.WebClient;

/**
 * The auth service's JWKS, fetched over HTTP and cached. A token signed by a key the cache does not know
 * (the auth service rotated its keys) triggers one refetch, at most once per {@code minRefetch}, so a flood
 * of tokens with invented key ids cannot turn into a flood of requests to auth. A key that is not known while
 * auth cannot be reached is not taken for a forged one: the token cannot be checked now, which is UNAVAILABLE
 * (the caller retries), not UNAUTHENTICATED (a service restarted while auth is down would otherwise refuse every
 * shopper, and a checkout would take the refusal of its charge for the card's).
 */
public final class RemoteJwks implements KeySource {
    private static final System.Logger LOG = System.getLogger(RemoteJwks.class.getName());

    private final Supplier<String> url;
    private final Duration maxAge;
    private final Duration minRefetch;
    private final Clock clock;
    private final WebClient client = WebClient.builder()
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(5))
            .build();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile JWKSet keys = new JWKSet();
    private volatile Instant fetchedAt = Instant.EPOCH;
    private volatile boolean lastFetchFailed;

    public RemoteJwks(Supplier<String> url, Duration maxAge, Duration minRefetch, Clock clock) {
        this.url = url;
        this.maxAge = maxAge;
        this.minRefetch = minRefetch;
        this.clock = clock;
    }

    @Override
    public Optional<JWK> find(String keyId) {
        Instant now = clock.instant();
        if (now.isAfter(fetchedAt.plus(maxAge))) {
            refetch(now);
        }
        Optional<JWK> key = Optional.ofNullable(keys.getKeyByKeyId(keyId));
        if (key.isEmpty() && now.isAfter(fetchedAt.plus(minRefetch))) {
            refetch(now);
            key = Optional.ofNullable(keys.getKeyByKeyId(keyId));
        }
        if (key.isEmpty() && lastFetchFailed) {
            throw new DomainError(ErrorKind.UNAVAILABLE, "unavailable",
                    "the token cannot be checked now: the shop's signing keys cannot be fetched; try again");
        }
        return key;
    }

    private void refetch(Instant now) {
        lock.lock();
        try {
            if (fetchedAt.isAfter(now)) {
                return;
            }
            try (HttpClientResponse response = client.get().uri(URI.create(url.get())).request()) {
                if (response.status() != Status.OK_200) {
                    LOG.log(System.Logger.Level.WARNING, "JWKS fetch from {0} answered {1}", url.get(), response.status());
                    lastFetchFailed = true;
                    return;
                }
                keys = JWKSet.parse(response.as(String.class));
                fetchedAt = clock.instant();
                lastFetchFailed = false;
            } catch (ParseException | RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "JWKS fetch from {0} failed: {1}", url.get(), e.toString());
                lastFetchFailed = true;
            }
        } finally {
            lock.unlock();
        }
    }
}
