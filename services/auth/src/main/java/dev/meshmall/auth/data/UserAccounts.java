package dev.meshmall.auth.data;

import java.util.Optional;
import java.util.UUID;
import java.util.logging.Logger;

import dev.meshmall.auth.biz.Account;
import dev.meshmall.auth.biz.AccountStatus;
import dev.meshmall.auth.biz.Accounts;
import dev.meshmall.auth.biz.CredentialCheck;
import dev.meshmall.auth.biz.Credentials;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.user.v1.GetAccountRequest;
import dev.meshmall.proto.user.v1.LoginRefusal;
import dev.meshmall.proto.user.v1.LoginRequest;
import dev.meshmall.proto.user.v1.LoginResponse;
import dev.meshmall.proto.user.v1.UserServiceGrpc;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The user service's {@code Login} and {@code GetAccount}, called as the system: neither a login nor a refresh
 * carries a user token, and auth asks on its own behalf.
 */
public final class UserAccounts implements Accounts {
    private static final Logger LOG = Logger.getLogger(UserAccounts.class.getName());

    private final UserServiceGrpc.UserServiceBlockingStub users;

    public UserAccounts(Channel channel) {
        this.users = GrpcClients.asSystem(UserServiceGrpc.newBlockingStub(channel));
    }

    @Override
    public Optional<Account> find(UUID userId) {
        try {
            var account = users.getAccount(GetAccountRequest.newBuilder().setUserId(userId.toString()).build());
            return Optional.of(account(account));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            throw unavailable("GetAccount", e);
        }
    }

    @Override
    public CredentialCheck check(Credentials credentials) {
        LoginResponse response;
        try {
            response = users.login(LoginRequest.newBuilder()
                            .setEmail(credentials.email())
                            .setPassword(credentials.password())
                            .setClientAddress(credentials.clientAddress())
                            .build());
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
                throw GrpcErrors.toDomain(e);
            }
            throw unavailable("Login", e);
        }
        return switch (response.getOutcomeCase()) {
            case ACCOUNT -> new CredentialCheck.Established(account(response.getAccount()));
            case REFUSAL -> refusal(response.getRefusal());
            case OUTCOME_NOT_SET -> {
                LOG.warning("user Login answered no outcome; the login is refused");
                yield new CredentialCheck.Invalid();
            }
        };
    }

    private static CredentialCheck refusal(LoginRefusal refusal) {
        if (refusal.getReason() == LoginRefusal.Reason.REASON_TOO_MANY_ATTEMPTS) {
            return new CredentialCheck.Throttled(Math.max(1, refusal.getRetryAfterSeconds()));
        }
        return new CredentialCheck.Invalid();
    }

    private static Account account(dev.meshmall.proto.user.v1.Account account) {
        return new Account(UUID.fromString(account.getUserId()), account.getRolesList(), status(account.getStatus()));
    }

    private static DomainError unavailable(String method, StatusRuntimeException e) {
        LOG.warning("user " + method + " failed: " + e.getStatus().getCode());
        return new DomainError(ErrorKind.UNAVAILABLE, "user_unavailable", "the account could not be checked; try again later");
    }

    private static AccountStatus status(dev.meshmall.proto.user.v1.AccountStatus status) {
        return switch (status) {
            case ACCOUNT_STATUS_ACTIVE -> AccountStatus.ACTIVE;
            case ACCOUNT_STATUS_BANNED -> AccountStatus.BANNED;
            case ACCOUNT_STATUS_DELETED -> AccountStatus.DELETED;
            default -> AccountStatus.UNKNOWN;
        };
    }
}
