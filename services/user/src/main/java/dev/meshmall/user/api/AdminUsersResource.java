package dev.meshmall.user.api;

import java.util.List;
import java.util.UUID;

import dev.meshmall.platform.http.Json;
import dev.meshmall.user.biz.Administration;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /api/v1/admin/users}: finding accounts, bans and roles; admins only. */
public final class AdminUsersResource implements HttpService {
    public static final String PATH = "/api/v1/admin/users";

    private final Administration administration;

    public AdminUsersResource(Administration administration) {
        this.administration = administration;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::find)
                .get("/{id}", this::get)
                .post("/{id}/ban", this::ban)
                .post("/{id}/unban", this::unban)
                .put("/{id}/roles", this::setRoles);
    }

    private void find(ServerRequest req, ServerResponse res) {
        Requests.admin();
        String prefix = Requests.query(req, "q").orElse("");
        res.send(Bodies.PageView.of(administration.find(prefix, Requests.page(req)).map(Bodies.User::of)));
    }

    private void get(ServerRequest req, ServerResponse res) {
        Requests.admin();
        res.send(Bodies.User.of(administration.get(Requests.path(req, "id"))));
    }

    private void ban(ServerRequest req, ServerResponse res) {
        res.send(Bodies.User.of(administration.ban(Requests.admin(), Requests.path(req, "id"))));
    }

    private void unban(ServerRequest req, ServerResponse res) {
        Requests.admin();
        res.send(Bodies.User.of(administration.unban(Requests.path(req, "id"))));
    }

    private void setRoles(ServerRequest req, ServerResponse res) {
        UUID admin = Requests.admin();
        Bodies.RolesInput body = Json.read(req, Bodies.RolesInput.class);
        List<String> roles = body.roles() == null ? List.of() : body.roles();
        res.send(Bodies.User.of(administration.setRoles(admin, Requests.path(req, "id"), roles)));
    }
}
