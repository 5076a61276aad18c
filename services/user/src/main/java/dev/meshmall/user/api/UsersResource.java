package dev.meshmall.user.api;

import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.http.Json;
import dev.meshmall.platform.identity.Caller;
import dev.meshmall.platform.scope.RequestScope;
import dev.meshmall.user.biz.Account;
import dev.meshmall.user.biz.ProfileChange;
import dev.meshmall.user.biz.Profiles;
import dev.meshmall.user.biz.Registration;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /api/v1/users}: registering, and the caller's own account. */
public final class UsersResource implements HttpService {
    public static final String PATH = "/api/v1/users";

    private final Registration registration;
    private final Profiles profiles;

    public UsersResource(Registration registration, Profiles profiles) {
        this.registration = registration;
        this.profiles = profiles;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::register)
                .get("/me", this::me)
                .patch("/me", this::update)
                .delete("/me", this::delete)
                .get("/{id}", this::one);
    }

    private void register(ServerRequest req, ServerResponse res) {
        Bodies.Registration body = Json.read(req, Bodies.Registration.class);
        Account account = registration.register(Requests.text(body.email()), Requests.text(body.password()),
                Requests.text(body.name()));
        res.status(Status.CREATED_201)
                .header(HeaderNames.LOCATION, PATH + "/" + account.id())
                .send(Bodies.User.of(account));
    }

    private void me(ServerRequest req, ServerResponse res) {
        res.send(Bodies.User.of(profiles.get(Requests.me())));
    }

    private void update(ServerRequest req, ServerResponse res) {
        UUID me = Requests.me();
        Bodies.ProfilePatch body = Json.read(req, Bodies.ProfilePatch.class);
        ProfileChange change = new ProfileChange(Optional.ofNullable(body.name()), Optional.ofNullable(body.password()),
                Optional.ofNullable(body.currentPassword()));
        res.send(Bodies.User.of(profiles.update(me, change)));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        profiles.delete(Requests.me());
        res.status(Status.NO_CONTENT_204).send();
    }

    /** The resource a registration's Location names: the caller's own account, or any for an admin. */
    private void one(ServerRequest req, ServerResponse res) {
        boolean admin = RequestScope.requireCaller().hasRole(Caller.ADMIN);
        res.send(Bodies.User.of(profiles.read(Requests.me(), admin, Requests.path(req, "id"))));
    }
}
