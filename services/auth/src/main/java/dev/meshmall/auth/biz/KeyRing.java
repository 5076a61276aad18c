package dev.meshmall.auth.biz;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;

/**
 * The signing keys of auth, shared by its replicas through the {@link SigningKeyStore}. The newest key is
 * published at once but signs only after the activation delay; superseded keys stay published as long as a
 * token they signed may live, then are retired. Each replica keeps a snapshot of the keys, reloaded when it is
 * a few seconds old, so a key created by another replica is seen quickly without a query per request.
 */
public final class KeyRing {
    private static final System.Logger LOG = System.getLogger(KeyRing.class.getName());
    private static final Duration FRESHNESS = Duration.ofSeconds(5);
    private static final Duration UNKNOWN_KEY_RELOAD_SPACING = Duration.ofSeconds(1);
    /** Verifiers accept 30 s of clock skew; a retired key must outlive that too. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    private final SigningKeyStore store;
    private final KeyPolicy policy;
    private final Clock clock;
    private final ReentrantLock loading = new ReentrantLock();
    private volatile Snapshot snapshot = new Snapshot(List.of(), Instant.EPOCH);
    private volatile Instant lastUnknownKeyReload = Instant.EPOCH;

    public KeyRing(SigningKeyStore store, KeyPolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
    }

    /** At start-up: makes sure a key can sign, creating the first one (or a fresh one) when due. */
    public void ensureActive() {
        rotateIfDue();
        // a replica with another key secret may have won the race for the first key
        if (signingKeys().isEmpty()) {
            rotate();
        }
    }

    /** The scheduled upkeep: rotate when the newest key is old, retire what no live token needs any more. */
    public void maintain() {
        rotateIfDue();
        retireSuperseded();
    }

    /**
     * Creates a new key when the newest is older than {@code rotateAfter}, is of another algorithm than the
     * configured one, or when this replica can sign with none of the keys.
     */
    public boolean rotateIfDue() {
        Snapshot keys = reload();
        Optional<SigningKey> newest = keys.newest();
        Instant staleBefore = clock.instant().minus(policy.rotateAfter().get());
        boolean due = newest.isEmpty()
                || newest.get().createdAt().isBefore(staleBefore)
                || newest.get().algorithm() != policy.algorithm().get()
                || keys.keys().stream().noneMatch(SigningKey::canSign);
        if (due) {
            createAfter(keys);
        }
        return due;
    }

    /** Creates a new key now, whatever the age of the current one; answers the newest key afterwards. */
    public SigningKey rotate() {
        createAfter(reload());
        return reload().newest().orElseThrow();
    }

    /** Retires the keys superseded long enough ago that no token they signed can still be valid. */
    public int retireSuperseded() {
        Duration age = policy.activationDelay().get().plus(policy.accessTokenTtl().get()).plus(CLOCK_MARGIN);
        int retired = store.retireSupersededBefore(age);
        if (retired > 0) {
            LOG.log(System.Logger.Level.INFO, "retired {0} superseded signing key(s)", retired);
            reload();
        }
        return retired;
    }

    /**
     * The key that signs now: the newest this replica can use that has been published for the activation
     * delay, or, when none has been yet (the first minutes of the very first key), the one published longest.
     */
    public SigningKey signingKey() {
        List<SigningKey> usable = signingKeys();
        Instant activatedBefore = clock.instant().minus(policy.activationDelay().get());
        return usable.stream()
                .filter(key -> !key.createdAt().isAfter(activatedBefore))
                .findFirst()
                .or(() -> usable.isEmpty() ? Optional.empty() : Optional.of(usable.getLast()))
                .orElseThrow(() -> new DomainError(ErrorKind.UNAVAILABLE, "no_signing_key",
                        "no signing key is available"));
    }

    /** The keys to publish in the JWKS: every key not retired, including one not yet signing. */
    public List<SigningKey> published() {
        return fresh().keys();
    }

    /** The key named by a token; an unknown id reloads the keys, at most once a second. */
    public Optional<SigningKey> find(String kid) {
        Optional<SigningKey> key = fresh().byKid(kid);
        Instant now = clock.instant();
        if (key.isEmpty() && now.isAfter(lastUnknownKeyReload.plus(UNKNOWN_KEY_RELOAD_SPACING))) {
            lastUnknownKeyReload = now;
            key = reloadQuietly().byKid(kid);
        }
        return key;
    }

    private List<SigningKey> signingKeys() {
        return fresh().keys().stream().filter(SigningKey::canSign).toList();
    }

    private void createAfter(Snapshot keys) {
        long generation = keys.newest().map(SigningKey::generation).orElse(0L) + 1;
        SigningKey key = SigningKey.generate(policy.algorithm().get(), generation, clock.instant());
        if (store.add(key)) {
            LOG.log(System.Logger.Level.INFO, "signing key {0} created: generation {1}, {2}",
                    key.kid(), generation, key.algorithm());
        } else {
            LOG.log(System.Logger.Level.INFO, "another replica created signing key generation {0} first", generation);
        }
        reload();
    }

    private Snapshot fresh() {
        Snapshot current = snapshot;
        if (current.loadedAt().plus(FRESHNESS).isBefore(clock.instant())) {
            return reloadQuietly();
        }
        return current;
    }

    /** A reload that keeps the last snapshot when the store fails, so the JWKS survives a database outage. */
    private Snapshot reloadQuietly() {
        if (!loading.tryLock()) {
            return snapshot;
        }
        try {
            return load();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "reloading the signing keys failed, keeping the last ones: {0}",
                    e.toString());
            snapshot = new Snapshot(snapshot.keys(), clock.instant());
            return snapshot;
        } finally {
            loading.unlock();
        }
    }

    private Snapshot reload() {
        loading.lock();
        try {
            return load();
        } finally {
            loading.unlock();
        }
    }

    private Snapshot load() {
        List<SigningKey> keys = store.unretired();
        keys.stream()
                .filter(key -> !key.canSign() && snapshot.byKid(key.kid()).isEmpty())
                .forEach(key -> LOG.log(System.Logger.Level.WARNING,
                        "signing key {0} cannot be decrypted with auth.signing.key-secret; it only verifies", key.kid()));
        snapshot = new Snapshot(keys, clock.instant());
        return snapshot;
    }

    private record Snapshot(List<SigningKey> keys, Instant loadedAt) {
        Snapshot {
            keys = List.copyOf(keys);
        }

        Optional<SigningKey> newest() {
            return keys.stream().findFirst();
        }

        Optional<SigningKey> byKid(String kid) {
            return keys.stream().filter(key -> key.kid().equals(kid)).findFirst();
        }
    }
}
