package dev.meshmall.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.meshmall.auth.api.AuthGrpcService;
import dev.meshmall.auth.api.AuthHttpService;
import dev.meshmall.auth.api.JwksService;
import dev.meshmall.auth.biz.KeyPolicy;
import dev.meshmall.auth.biz.KeyRing;
import dev.meshmall.auth.biz.SigningAlgorithm;
import dev.meshmall.auth.biz.TokenPolicy;
import dev.meshmall.auth.biz.Tokens;
import dev.meshmall.auth.data.JwtSigner;
import dev.meshmall.auth.data.KeySealer;
import dev.meshmall.auth.data.RefreshTokenRepository;
import dev.meshmall.auth.data.RingKeySource;
import dev.meshmall.auth.data.SigningKeyRepository;
import dev.meshmall.auth.data.TokenMetrics;
import dev.meshmall.auth.data.UserAccounts;
import dev.meshmall.platform.ServiceApp;
import dev.meshmall.platform.ServiceContext;
import dev.meshmall.platform.Wiring;
import dev.meshmall.platform.config.Settings;
import dev.meshmall.platform.identity.TokenVerifier;

import io.helidon.config.Config;

/**
 * The auth service: logins (the password checked by user's Login), the key ring (signing keys in
 * {@code auth.signing_keys}, rotated on a schedule), access tokens, refresh-token families, the JWKS, and a
 * maintenance task for rotation, retirement and cleanup.
 */
public final class AuthApp implements ServiceApp {
    private static final Logger LOG = Logger.getLogger(AuthApp.class.getName());
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private volatile KeyRing keyRing;

    @Override
    public String name() {
        return "auth";
    }

    @Override
    public Optional<String> schema() {
        return Optional.of("auth");
    }

    @Override
    public Wiring wire(ServiceContext context) {
        Config config = context.config();
        Supplier<Duration> accessTtl = Settings.duration(config, "auth.access-token-ttl", Duration.ofMinutes(15), ONE_SECOND);
        KeyRing ring = keyRing(context, accessTtl);
        TokenPolicy policy = new TokenPolicy(
                Settings.text(config, "jwt.issuer", "meshmall-auth"),
                Settings.text(config, "jwt.audience", "meshmall"),
                accessTtl,
                Settings.duration(config, "auth.refresh-token-ttl", Duration.ofDays(30), ONE_SECOND));
        Tokens tokens = new Tokens(ring, new JwtSigner(), new RefreshTokenRepository(context.db()),
                new UserAccounts(context.clients().channel("user")), new TokenMetrics(), policy, Clock.systemUTC());
        RingKeySource keys = new RingKeySource(ring);
        TokenVerifier verifier = new TokenVerifier(keys, policy.issuer(), policy.audience());
        ScheduledExecutorService maintenance = maintenance(config, ring, tokens);
        return Wiring.builder()
                .keys(keys)
                .http(routing -> routing
                        .register("/.well-known", new JwksService(ring))
                        .register("/api/v1/auth", new AuthHttpService(tokens)))
                .grpc(new AuthGrpcService(tokens, ring, verifier))
                .onStop(maintenance::shutdownNow)
                .build();
    }

    /** The key ring of the running service; tests rotate through it. */
    public KeyRing keyRing() {
        return Optional.ofNullable(keyRing).orElseThrow(() -> new IllegalStateException("auth is not wired yet"));
    }

    private KeyRing keyRing(ServiceContext context, Supplier<Duration> accessTtl) {
        Config config = context.config();
        String secret = config.get("auth.signing.key-secret").asString().orElse("");
        if (secret.contains("dev-only")) {
            LOG.warning("auth.signing.key-secret is the development default: set AUTH_SIGNING_KEY_DASH_SECRET "
                    + "from a Kubernetes Secret in any shared environment");
        }
        KeyPolicy policy = new KeyPolicy(signingAlgorithm(config),
                Settings.duration(config, "auth.signing.rotate-after", Duration.ofDays(30), Duration.ofMinutes(1)),
                Settings.duration(config, "auth.signing.activation-delay", Duration.ofMinutes(5), Duration.ZERO),
                accessTtl);
        KeyRing ring = new KeyRing(new SigningKeyRepository(context.db(), KeySealer.fromSecret(secret)), policy,
                Clock.systemUTC());
        ring.ensureActive();
        keyRing = ring;
        return ring;
    }

    private static ScheduledExecutorService maintenance(Config config, KeyRing ring, Tokens tokens) {
        Duration every = Settings.duration(config, "auth.signing.check-interval", Duration.ofHours(1), ONE_SECOND).get();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("auth-maintenance").daemon().factory());
        scheduler.scheduleWithFixedDelay(() -> maintain(ring, tokens), every.toMillis(), every.toMillis(),
                TimeUnit.MILLISECONDS);
        return scheduler;
    }

    private static void maintain(KeyRing ring, Tokens tokens) {
        try {
            ring.maintain();
            int purged = tokens.purgeExpired();
            if (purged > 0) {
                LOG.info("purged " + purged + " refresh tokens expired for a week");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "auth maintenance failed; retrying at the next run", e);
        }
    }

    /** {@code ES256} or {@code RS256}; a wrong value stops the start, a wrong edit later fails the rotation check. */
    private static Supplier<SigningAlgorithm> signingAlgorithm(Config config) {
        Supplier<String> raw = config.get("auth.signing.algorithm").asString().supplier("ES256");
        Supplier<SigningAlgorithm> algorithm = () -> SigningAlgorithm.parse(raw.get());
        algorithm.get();
        return algorithm;
    }
}
