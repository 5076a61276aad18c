package dev.meshmall.user;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

import dev.meshmall.platform.ServiceApp;
import dev.meshmall.platform.ServiceContext;
import dev.meshmall.platform.Wiring;
import dev.meshmall.user.api.AddressesResource;
import dev.meshmall.user.api.AdminUsersResource;
import dev.meshmall.user.api.CardsResource;
import dev.meshmall.user.api.UserGrpc;
import dev.meshmall.user.api.UsersResource;
import dev.meshmall.user.biz.AccountStore;
import dev.meshmall.user.biz.AddressBook;
import dev.meshmall.user.biz.AdminBootstrap;
import dev.meshmall.user.biz.Administration;
import dev.meshmall.user.biz.Login;
import dev.meshmall.user.biz.LoginPolicy;
import dev.meshmall.user.biz.PasswordHasher;
import dev.meshmall.user.biz.Profiles;
import dev.meshmall.user.biz.Registration;
import dev.meshmall.user.biz.SessionTokens;
import dev.meshmall.user.biz.UserMetrics;
import dev.meshmall.user.biz.Wallet;
import dev.meshmall.user.data.AccountRepository;
import dev.meshmall.user.data.AddressRepository;
import dev.meshmall.user.data.AuthClient;
import dev.meshmall.user.data.CardRepository;
import dev.meshmall.user.data.MeteredEvents;
import dev.meshmall.user.data.PaymentCardTokenizer;

import io.helidon.config.Config;

/** The user service: accounts and credentials, addresses, saved cards, and the administration of users. */
public final class UserApp implements ServiceApp {
    private static final Logger LOG = Logger.getLogger(UserApp.class.getName());

    @Override
    public String name() {
        return "user";
    }

    @Override
    public Optional<String> schema() {
        return Optional.of("users");
    }

    @Override
    public Wiring wire(ServiceContext context) {
        Config config = context.config();
        AccountStore accounts = new AccountRepository(context.db());
        PasswordHasher hasher = new PasswordHasher(Runtime.getRuntime().availableProcessors());
        SessionTokens tokens = new AuthClient(context.clients().channel("auth"));
        UserMetrics metrics = new MeteredEvents();
        bootstrapAdmin(config, new AdminBootstrap(accounts, hasher));

        Registration registration = new Registration(accounts, hasher, metrics);
        Login login = new Login(accounts, hasher, metrics, loginPolicy(config));
        Profiles profiles = new Profiles(accounts, hasher, tokens);
        AddressBook addresses = new AddressBook(new AddressRepository(context.db()));
        Wallet wallet = new Wallet(new CardRepository(context.db()),
                new PaymentCardTokenizer(context.clients().channel("payment")), Clock.systemUTC());
        Administration administration = new Administration(accounts, tokens);

        return Wiring.builder()
                .http(routing -> routing
                        .register(AddressesResource.PATH, new AddressesResource(addresses))
                        .register(CardsResource.PATH, new CardsResource(wallet))
                        .register(UsersResource.PATH, new UsersResource(registration, profiles))
                        .register(AdminUsersResource.PATH, new AdminUsersResource(administration)))
                .grpc(new UserGrpc(registration, login, profiles, addresses, wallet, administration))
                .build();
    }

    /** Read at every login, so a changed config file applies without a restart. */
    private static Supplier<LoginPolicy> loginPolicy(Config config) {
        Supplier<Integer> maxFailures = config.get("user.login.max-failures").asInt()
                .supplier(LoginPolicy.DEFAULT.maxFailures());
        Supplier<String> lockDuration = config.get("user.login.lock-duration").asString()
                .supplier(LoginPolicy.DEFAULT.lockDuration().toString());
        return () -> new LoginPolicy(Math.max(1, maxFailures.get()), duration(lockDuration.get()));
    }

    private static Duration duration(String iso) {
        try {
            return Duration.parse(iso);
        } catch (DateTimeParseException e) {
            LOG.warning("user.login.lock-duration is not an ISO-8601 duration (like PT15M): " + iso);
            return LoginPolicy.DEFAULT.lockDuration();
        }
    }

    private static void bootstrapAdmin(Config config, AdminBootstrap bootstrap) {
        Optional<String> email = config.get("meshmall.admin.email").asString().asOptional().filter(s -> !s.isBlank());
        Optional<String> password = config.get("meshmall.admin.password").asString().asOptional()
                .filter(s -> !s.isEmpty());
        if (email.isPresent() && password.isPresent()) {
            bootstrap.ensureAdmin(email.get(), password.get());
        }
    }
}
