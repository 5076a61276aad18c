package dev.meshmall.auth.data;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import dev.meshmall.auth.biz.Account;
import dev.meshmall.auth.biz.AccountStatus;
import dev.meshmall.auth.biz.Accounts;
import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;
import dev.meshmall.platform.grpc.GrpcClients;
import dev.meshmall.proto.user.v1.GetAccountRequest;
import dev.meshmall.proto.user.v1.UserServiceGrpc;

import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * The user service's {@code GetAccount}, called as the system: a refresh carries no user token, and the
 * account must be read whoever asks.
 */
public final class UserAccounts implements Accounts {
    private static final Logger LOG = Logger.getLogger(UserAccounts.class.getName());
    /** Outside the mesh nothing else bounds the call; under it the VirtualService timeout is usually shorter. */
    private static final long DEADLINE_SECONDS = 5;

    private final UserServiceGrpc.UserServiceBlockingStub users;

    public UserAccounts(Channel channel) {
        this.users = GrpcClients.asSystem(UserServiceGrpc.newBlockingStub(channel));
    }

    @Override
    public Optional<Account> find(UUID userId) {
        try {
            var account = users.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .getAccount(GetAccountRequest.newBuilder().setUserId(userId.toString()).build());
            return Optional.of(new Account(userId, account.getRolesList(), status(account.getStatus())));
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                return Optional.empty();
            }
            LOG.warning("user GetAccount failed: " + e.getStatus().getCode());
            throw new DomainError(ErrorKind.UNAVAILABLE, "user_unavailable",
                    "the account could not be checked; try again later");
        }
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
