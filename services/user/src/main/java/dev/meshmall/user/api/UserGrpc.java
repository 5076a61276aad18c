package dev.meshmall.user.api;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.meshmall.platform.identity.Caller;
import dev.meshmall.platform.scope.RequestScope;
import dev.meshmall.proto.common.v1.Address;
import dev.meshmall.proto.user.v1.Account;
import dev.meshmall.proto.user.v1.AccountStatus;
import dev.meshmall.proto.user.v1.AddAddressRequest;
import dev.meshmall.proto.user.v1.AddCardRequest;
import dev.meshmall.proto.user.v1.BanUserRequest;
import dev.meshmall.proto.user.v1.DeleteAddressRequest;
import dev.meshmall.proto.user.v1.DeleteAddressResponse;
import dev.meshmall.proto.user.v1.DeleteCardRequest;
import dev.meshmall.proto.user.v1.DeleteCardResponse;
import dev.meshmall.proto.user.v1.DeleteUserRequest;
import dev.meshmall.proto.user.v1.DeleteUserResponse;
import dev.meshmall.proto.user.v1.GetAccountRequest;
import dev.meshmall.proto.user.v1.GetAddressRequest;
import dev.meshmall.proto.user.v1.GetCardRequest;
import dev.meshmall.proto.user.v1.GetUserRequest;
import dev.meshmall.proto.user.v1.ListAddressesRequest;
import dev.meshmall.proto.user.v1.ListAddressesResponse;
import dev.meshmall.proto.user.v1.ListCardsRequest;
import dev.meshmall.proto.user.v1.ListCardsResponse;
import dev.meshmall.proto.user.v1.LoginRefusal;
import dev.meshmall.proto.user.v1.LoginRequest;
import dev.meshmall.proto.user.v1.LoginResponse;
import dev.meshmall.proto.user.v1.RegisterRequest;
import dev.meshmall.proto.user.v1.SavedCard;
import dev.meshmall.proto.user.v1.SetRolesRequest;
import dev.meshmall.proto.user.v1.StoredAddress;
import dev.meshmall.proto.user.v1.UnbanUserRequest;
import dev.meshmall.proto.user.v1.UpdateAddressRequest;
import dev.meshmall.proto.user.v1.UpdateUserRequest;
import dev.meshmall.proto.user.v1.User;
import dev.meshmall.proto.user.v1.UserServiceGrpc;
import dev.meshmall.user.biz.AddressBook;
import dev.meshmall.user.biz.Administration;
import dev.meshmall.user.biz.CredentialCheck;
import dev.meshmall.user.biz.Login;
import dev.meshmall.user.biz.NewCard;
import dev.meshmall.platform.page.PageRequest;
import dev.meshmall.user.biz.ProfileChange;
import dev.meshmall.user.biz.Profiles;
import dev.meshmall.user.biz.Registration;
import dev.meshmall.user.biz.Role;
import dev.meshmall.user.biz.Wallet;

import com.google.protobuf.Timestamp;
import io.grpc.stub.StreamObserver;

/**
 * The gRPC face of user: the same use cases and rules as REST. Domain errors thrown here become statuses in
 * the platform's interceptor. Saved cards carry their processor token here, for payment, and nowhere else.
 */
public final class UserGrpc extends UserServiceGrpc.UserServiceImplBase {
    /** Addresses and cards are few: the gRPC lists answer them all. */
    private static final PageRequest ALL_SAVED = new PageRequest(1, PageRequest.MAX_SIZE);
    private final Registration registration;
    private final Login login;
    private final Profiles profiles;
    private final AddressBook addresses;
    private final Wallet wallet;
    private final Administration administration;

    public UserGrpc(Registration registration, Login login, Profiles profiles, AddressBook addresses, Wallet wallet,
                    Administration administration) {
        this.registration = registration;
        this.login = login;
        this.profiles = profiles;
        this.addresses = addresses;
        this.wallet = wallet;
        this.administration = administration;
    }

    @Override
    public void register(RegisterRequest request, StreamObserver<User> response) {
        reply(response, user(registration.register(request.getEmail(), request.getPassword(), request.getName())));
    }

    /** A system call, auth's only: a password checked, an account or a refusal answered, no token minted. */
    @Override
    public void login(LoginRequest request, StreamObserver<LoginResponse> response) {
        CredentialCheck check = login.check(request.getEmail(), request.getPassword(), request.getClientAddress());
        LoginResponse.Builder answer = LoginResponse.newBuilder();
        switch (check) {
            case CredentialCheck.Established established -> answer.setAccount(account(established.account()));
            case CredentialCheck.Invalid invalid -> answer.setRefusal(LoginRefusal.newBuilder()
                    .setReason(LoginRefusal.Reason.REASON_INVALID_CREDENTIALS));
            case CredentialCheck.Throttled throttled -> answer.setRefusal(LoginRefusal.newBuilder()
                    .setReason(LoginRefusal.Reason.REASON_TOO_MANY_ATTEMPTS)
                    .setRetryAfterSeconds(throttled.retryAfterSeconds()));
        }
        reply(response, answer.build());
    }

    @Override
    public void getUser(GetUserRequest request, StreamObserver<User> response) {
        reply(response, user(profiles.get(Requests.me())));
    }

    @Override
    public void updateUser(UpdateUserRequest request, StreamObserver<User> response) {
        UUID me = Requests.me();
        ProfileChange change = new ProfileChange(
                request.hasName() ? Optional.of(request.getName()) : Optional.empty(),
                request.hasPassword() ? Optional.of(request.getPassword()) : Optional.empty(),
                request.hasCurrentPassword() ? Optional.of(request.getCurrentPassword()) : Optional.empty());
        reply(response, user(profiles.update(me, change)));
    }

    @Override
    public void deleteUser(DeleteUserRequest request, StreamObserver<DeleteUserResponse> response) {
        profiles.delete(Requests.me());
        reply(response, DeleteUserResponse.getDefaultInstance());
    }

    @Override
    public void listAddresses(ListAddressesRequest request, StreamObserver<ListAddressesResponse> response) {
        var page = addresses.list(Requests.me(), ALL_SAVED);
        reply(response, ListAddressesResponse.newBuilder()
                .addAllAddresses(page.items().stream().map(UserGrpc::address).toList())
                .build());
    }

    @Override
    public void getAddress(GetAddressRequest request, StreamObserver<StoredAddress> response) {
        reply(response, address(addresses.get(Requests.me(), request.getAddressId())));
    }

    @Override
    public void addAddress(AddAddressRequest request, StreamObserver<StoredAddress> response) {
        UUID me = Requests.me();
        reply(response, address(addresses.add(me, address(request.getAddress()))));
    }

    @Override
    public void updateAddress(UpdateAddressRequest request, StreamObserver<StoredAddress> response) {
        UUID me = Requests.me();
        reply(response, address(addresses.replace(me, request.getAddressId(), address(request.getAddress()))));
    }

    @Override
    public void deleteAddress(DeleteAddressRequest request, StreamObserver<DeleteAddressResponse> response) {
        addresses.remove(Requests.me(), request.getAddressId());
        reply(response, DeleteAddressResponse.getDefaultInstance());
    }

    @Override
    public void listCards(ListCardsRequest request, StreamObserver<ListCardsResponse> response) {
        var page = wallet.list(Requests.me(), ALL_SAVED);
        reply(response, ListCardsResponse.newBuilder()
                .addAllCards(page.items().stream().map(card -> card(card, false)).toList())
                .build());
    }

    /** Payment's way to a saved card's token, with the shopper's own token: only their cards are found. */
    @Override
    public void getCard(GetCardRequest request, StreamObserver<SavedCard> response) {
        reply(response, card(wallet.get(Requests.me(), request.getCardId()), true));
    }

    @Override
    public void addCard(AddCardRequest request, StreamObserver<SavedCard> response) {
        UUID me = Requests.me();
        NewCard card = new NewCard(request.getNumber(), request.getExpMonth(), request.getExpYear(),
                request.getHolderName(), Optional.empty());
        reply(response, card(wallet.add(me, card), false));
    }

    @Override
    public void deleteCard(DeleteCardRequest request, StreamObserver<DeleteCardResponse> response) {
        wallet.remove(Requests.me(), request.getCardId());
        reply(response, DeleteCardResponse.getDefaultInstance());
    }

    @Override
    public void banUser(BanUserRequest request, StreamObserver<User> response) {
        reply(response, user(administration.ban(Requests.admin(), request.getUserId())));
    }

    @Override
    public void unbanUser(UnbanUserRequest request, StreamObserver<User> response) {
        Requests.admin();
        reply(response, user(administration.unban(request.getUserId())));
    }

    @Override
    public void setRoles(SetRolesRequest request, StreamObserver<User> response) {
        reply(response, user(administration.setRoles(Requests.admin(), request.getUserId(), request.getRolesList())));
    }

    /**
     * A system call (auth refreshing a session) sees any account. A call carrying an end user's token sees only
     * what that user may see over REST, so the rpc cannot be used to probe other accounts.
     */
    @Override
    public void getAccount(GetAccountRequest request, StreamObserver<Account> response) {
        Optional<Caller> caller = RequestScope.currentCaller();
        var account = caller.isEmpty()
                ? administration.get(request.getUserId())
                : profiles.read(Requests.me(), caller.get().hasRole(Caller.ADMIN), request.getUserId());
        reply(response, account(account));
    }

    private static Account account(dev.meshmall.user.biz.Account account) {
        return Account.newBuilder()
                .setUserId(account.id().toString())
                .setEmail(account.email())
                .addAllRoles(account.roles().stream().map(Role::wireName).toList())
                .setStatus(status(account.status()))
                .build();
    }

    private static <T> void reply(StreamObserver<T> response, T message) {
        response.onNext(message);
        response.onCompleted();
    }

    private static User user(dev.meshmall.user.biz.Account account) {
        return User.newBuilder()
                .setId(account.id().toString())
                .setEmail(account.email())
                .setName(account.name())
                .addAllRoles(account.roles().stream().map(Role::wireName).toList())
                .setStatus(status(account.status()))
                .setCreatedAt(timestamp(account.createdAt()))
                .build();
    }

    private static AccountStatus status(dev.meshmall.user.biz.AccountStatus status) {
        return switch (status) {
            case ACTIVE -> AccountStatus.ACCOUNT_STATUS_ACTIVE;
            case BANNED -> AccountStatus.ACCOUNT_STATUS_BANNED;
            case DELETED -> AccountStatus.ACCOUNT_STATUS_DELETED;
        };
    }

    private static StoredAddress address(dev.meshmall.user.biz.StoredAddress stored) {
        var a = stored.address();
        return StoredAddress.newBuilder()
                .setId(stored.id().toString())
                .setAddress(Address.newBuilder()
                        .setName(a.name())
                        .setStreetAddress(a.streetAddress())
                        .setCity(a.city())
                        .setState(a.state())
                        .setCountry(a.country())
                        .setZipCode(a.zipCode())
                        .setPhone(a.phone()))
                .setCreatedAt(timestamp(stored.createdAt()))
                .build();
    }

    private static dev.meshmall.user.biz.Address address(Address a) {
        return new dev.meshmall.user.biz.Address(a.getName(), a.getStreetAddress(), a.getCity(), a.getState(),
                a.getCountry(), a.getZipCode(), a.getPhone());
    }

    private static SavedCard card(dev.meshmall.user.biz.SavedCard card, boolean withToken) {
        SavedCard.Builder builder = SavedCard.newBuilder()
                .setId(card.id().toString())
                .setBrand(card.brand())
                .setLast4(card.last4())
                .setExpMonth(card.expMonth())
                .setExpYear(card.expYear())
                .setHolderName(card.holderName())
                .setCreatedAt(timestamp(card.createdAt()));
        if (withToken) {
            builder.setToken(card.token());
        }
        return builder.build();
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
