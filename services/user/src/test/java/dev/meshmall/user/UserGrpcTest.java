package dev.meshmall.user;

import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.auth.v1.AuthServiceGrpc;
import dev.meshmall.proto.auth.v1.TokenPair;
import dev.meshmall.proto.common.v1.Address;
import dev.meshmall.proto.user.v1.Account;
import dev.meshmall.proto.user.v1.AccountStatus;
import dev.meshmall.proto.user.v1.AddAddressRequest;
import dev.meshmall.proto.user.v1.AddCardRequest;
import dev.meshmall.proto.user.v1.BanUserRequest;
import dev.meshmall.proto.user.v1.DeleteAddressRequest;
import dev.meshmall.proto.user.v1.DeleteCardRequest;
import dev.meshmall.proto.user.v1.DeleteUserRequest;
import dev.meshmall.proto.user.v1.GetAccountRequest;
import dev.meshmall.proto.user.v1.GetAddressRequest;
import dev.meshmall.proto.user.v1.GetCardRequest;
import dev.meshmall.proto.user.v1.GetUserRequest;
import dev.meshmall.proto.user.v1.ListAddressesRequest;
import dev.meshmall.proto.user.v1.ListCardsRequest;
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
import dev.meshmall.proto.user.v1.UserServiceGrpc.UserServiceBlockingStub;
import dev.meshmall.user.UserStack.Customer;
import dev.meshmall.testing.TestServices;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The internal gRPC API: every rpc, with the caller taken from the token as over REST. */
class UserGrpcTest {
    private static final String ADMIN = "grpc-admin@example.com";
    private static final String ADMIN_PASSWORD = "grpc admin passphrase";
    private static final int NEXT_YEAR = Year.now().getValue() + 1;
    private static UserStack stack;

    @BeforeAll
    static void start() {
        stack = UserStack.start(Map.of("meshmall.admin.email", ADMIN, "meshmall.admin.password", ADMIN_PASSWORD));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void grpcurlAndEvansCanListTheUserService() {
        assertThat(TestServices.reflectedServices(stack.userChannel), hasItem("meshmall.user.v1.UserService"));
        // the file the service is declared in comes with the files it imports
        assertThat(TestServices.reflectedFiles(stack.userChannel, "meshmall.user.v1.UserService.Login"),
                hasItem("meshmall/common/v1/common.proto"));
    }

    @Test
    void registerLoginAndTheProfile() {
        User registered = stack.userGrpc().register(RegisterRequest.newBuilder()
                .setEmail("Grpc.User@Example.com").setPassword(UserStack.PASSWORD).setName("Grpc User").build());
        assertThat(registered.getEmail(), is("grpc.user@example.com"));
        assertThat(registered.getRolesList(), is(List.of("customer")));
        assertThat(registered.getStatus(), is(AccountStatus.ACCOUNT_STATUS_ACTIVE));
        assertThat(registered.getCreatedAt().getSeconds() > 0, is(true));

        TokenPair tokens = AuthServiceGrpc.newBlockingStub(stack.authChannel).login(dev.meshmall.proto.auth.v1.LoginRequest
                .newBuilder().setEmail("grpc.user@example.com").setPassword(UserStack.PASSWORD).build());
        assertThat(tokens.getTokenType(), is("Bearer"));
        UserServiceBlockingStub me = stack.userGrpc(tokens.getAccessToken());

        assertThat(me.getUser(GetUserRequest.getDefaultInstance()).getId(), is(registered.getId()));
        User renamed = me.updateUser(UpdateUserRequest.newBuilder().setName("Renamed").build());
        assertThat(renamed.getName(), is("Renamed"));
        User changed = me.updateUser(UpdateUserRequest.newBuilder()
                .setPassword("another long passphrase").setCurrentPassword(UserStack.PASSWORD).build());
        assertThat(changed.getName(), is("Renamed"));
        assertThat(stack.login("grpc.user@example.com", "another long passphrase").status(), is(200));

        me.deleteUser(DeleteUserRequest.getDefaultInstance());
        me.deleteUser(DeleteUserRequest.getDefaultInstance());
        assertThat(stack.login("grpc.user@example.com", "another long passphrase").status(), is(401));
    }

    @Test
    void loginChecksThePasswordForAuthAndMintsNothing() {
        Customer customer = stack.newCustomer();
        stack.rows("UPDATE users.accounts SET roles = ARRAY['customer', 'merchant'] WHERE id = ?", UUID.fromString(customer.id()));

        LoginResponse right = stack.userGrpcFromAuth().login(LoginRequest.newBuilder().setEmail(customer.email())
                .setPassword(UserStack.PASSWORD).setClientAddress("192.0.2.1").build());
        LoginResponse wrong = stack.userGrpcFromAuth().login(LoginRequest.newBuilder().setEmail(customer.email())
                .setPassword("not the password").setClientAddress("192.0.2.1").build());

        assertThat(right.getAccount(), is(Account.newBuilder().setUserId(customer.id()).setEmail(customer.email())
                .addRoles("customer").addRoles("merchant").setStatus(AccountStatus.ACCOUNT_STATUS_ACTIVE).build()));
        assertThat(wrong.getOutcomeCase(), is(LoginResponse.OutcomeCase.REFUSAL));
        assertThat(wrong.getRefusal().getReason(), is(LoginRefusal.Reason.REASON_INVALID_CREDENTIALS));
        expect(Status.Code.INVALID_ARGUMENT, () -> stack.userGrpcFromAuth().login(LoginRequest.newBuilder()
                .setEmail(customer.email()).build()));
        // the password check is auth's alone: any other caller is refused before it could guess
        expect(Status.Code.PERMISSION_DENIED, () -> stack.userGrpc().login(LoginRequest.newBuilder()
                .setEmail(customer.email()).setPassword(UserStack.PASSWORD).setClientAddress("192.0.2.1").build()));
    }

    @Test
    void addressesOverGrpc() {
        Customer customer = stack.newCustomer();
        UserServiceBlockingStub me = stack.userGrpc(customer.token());

        StoredAddress added = me.addAddress(AddAddressRequest.newBuilder().setAddress(address("1 Main St")).build());
        assertThat(added.getAddress().getStreetAddress(), is("1 Main St"));
        assertThat(me.getAddress(GetAddressRequest.newBuilder().setAddressId(added.getId()).build()).getAddress().getCity(),
                is("Berlin"));
        StoredAddress updated = me.updateAddress(UpdateAddressRequest.newBuilder().setAddressId(added.getId())
                .setAddress(address("2 Other St")).build());
        assertThat(updated.getAddress().getStreetAddress(), is("2 Other St"));
        assertThat(me.listAddresses(ListAddressesRequest.getDefaultInstance()).getAddressesCount(), is(1));

        UserServiceBlockingStub other = stack.userGrpc(stack.newCustomer().token());
        expect(Status.Code.NOT_FOUND, () -> other.getAddress(GetAddressRequest.newBuilder().setAddressId(added.getId()).build()));
        expect(Status.Code.NOT_FOUND, () -> other.deleteAddress(DeleteAddressRequest.newBuilder().setAddressId(added.getId()).build()));
        expect(Status.Code.INVALID_ARGUMENT, () -> me.addAddress(AddAddressRequest.newBuilder()
                .setAddress(address("3 St").toBuilder().setCountry("Germany")).build()));

        me.deleteAddress(DeleteAddressRequest.newBuilder().setAddressId(added.getId()).build());
        assertThat(me.listAddresses(ListAddressesRequest.getDefaultInstance()).getAddressesCount(), is(0));
    }

    @Test
    void cardsOverGrpcAndOnlyGetCardShowsTheToken() {
        Customer customer = stack.newCustomer();
        UserServiceBlockingStub me = stack.userGrpc(customer.token());

        SavedCard added = me.addCard(AddCardRequest.newBuilder().setNumber("5555 5555 5555 4444")
                .setExpMonth(3).setExpYear(NEXT_YEAR).setHolderName("Card Holder").build());
        assertThat(added.getBrand(), is("mastercard"));
        assertThat(added.getLast4(), is("4444"));
        assertThat(added.getToken(), is(""));
        assertThat(me.listCards(ListCardsRequest.getDefaultInstance()).getCards(0).getToken(), is(""));
        SavedCard withToken = me.getCard(GetCardRequest.newBuilder().setCardId(added.getId()).build());
        assertThat(withToken.getToken(), startsWith("tok_"));

        UserServiceBlockingStub other = stack.userGrpc(stack.newCustomer().token());
        expect(Status.Code.NOT_FOUND, () -> other.getCard(GetCardRequest.newBuilder().setCardId(added.getId()).build()));
        expect(Status.Code.NOT_FOUND, () -> other.deleteCard(DeleteCardRequest.newBuilder().setCardId(added.getId()).build()));
        expect(Status.Code.UNAUTHENTICATED, () -> stack.userGrpc().getCard(GetCardRequest.newBuilder()
                .setCardId(added.getId()).build()));
        StatusRuntimeException invalid = expect(Status.Code.INVALID_ARGUMENT, () -> me.addCard(AddCardRequest.newBuilder()
                .setNumber("4242424242424241").setExpMonth(3).setExpYear(NEXT_YEAR).build()));
        assertThat(GrpcErrors.code(invalid), is("invalid_card_number"));

        me.deleteCard(DeleteCardRequest.newBuilder().setCardId(added.getId()).build());
        assertThat(me.listCards(ListCardsRequest.getDefaultInstance()).getCardsCount(), is(0));
    }

    @Test
    void adminRpcsAndTheSystemsAccountLookup() {
        String adminToken = stack.tokens(ADMIN, ADMIN_PASSWORD).get("access_token").asText();
        UserServiceBlockingStub admin = stack.userGrpc(adminToken);
        Customer target = stack.newCustomer();

        assertThat(admin.banUser(BanUserRequest.newBuilder().setUserId(target.id()).build()).getStatus(),
                is(AccountStatus.ACCOUNT_STATUS_BANNED));
        Account banned = stack.userGrpcFromAuth().getAccount(GetAccountRequest.newBuilder().setUserId(target.id()).build());
        assertThat(banned.getStatus(), is(AccountStatus.ACCOUNT_STATUS_BANNED));
        assertThat(banned.getEmail(), is(target.email()));
        assertThat(admin.unbanUser(UnbanUserRequest.newBuilder().setUserId(target.id()).build()).getStatus(),
                is(AccountStatus.ACCOUNT_STATUS_ACTIVE));
        User merchant = admin.setRoles(SetRolesRequest.newBuilder().setUserId(target.id())
                .addRoles("customer").addRoles("merchant").build());
        assertThat(merchant.getRolesList(), is(List.of("customer", "merchant")));
        assertThat(stack.userGrpcFromAuth().getAccount(GetAccountRequest.newBuilder().setUserId(target.id()).build()).getRolesList(),
                is(List.of("customer", "merchant")));

        UserServiceBlockingStub customer = stack.userGrpc(stack.newCustomer().token());
        expect(Status.Code.PERMISSION_DENIED, () -> customer.banUser(BanUserRequest.newBuilder().setUserId(target.id()).build()));
        expect(Status.Code.PERMISSION_DENIED, () -> customer.setRoles(SetRolesRequest.newBuilder().setUserId(target.id())
                .addRoles("admin").build()));
        // the account lookup is auth's alone: a customer's token is the wrong caller, whoever's account it asks
        expect(Status.Code.PERMISSION_DENIED, () -> customer.getAccount(GetAccountRequest.newBuilder().setUserId(target.id()).build()));
        expect(Status.Code.NOT_FOUND, () -> stack.userGrpcFromAuth().getAccount(GetAccountRequest.newBuilder()
                .setUserId(UUID.randomUUID().toString()).build()));
        expect(Status.Code.INVALID_ARGUMENT, () -> admin.setRoles(SetRolesRequest.newBuilder().setUserId(target.id()).build()));
    }

    @Test
    void errorsKeepTheirMeaningOverGrpc() {
        stack.register("taken@example.com");
        StatusRuntimeException taken = expect(Status.Code.ALREADY_EXISTS, () -> stack.userGrpc().register(
                RegisterRequest.newBuilder().setEmail("TAKEN@example.com").setPassword(UserStack.PASSWORD).setName("T").build()));
        assertThat(GrpcErrors.code(taken), is("email_taken"));
        expect(Status.Code.INVALID_ARGUMENT, () -> stack.userGrpc().register(RegisterRequest.newBuilder()
                .setEmail("weak@example.com").setPassword("short").setName("W").build()));
        expect(Status.Code.UNAUTHENTICATED, () -> AuthServiceGrpc.newBlockingStub(stack.authChannel).login(
                dev.meshmall.proto.auth.v1.LoginRequest.newBuilder().setEmail("taken@example.com")
                        .setPassword("wrong password").build()));
        expect(Status.Code.UNAUTHENTICATED, () -> stack.userGrpc().getUser(GetUserRequest.getDefaultInstance()));
        expect(Status.Code.PERMISSION_DENIED, () -> stack.userGrpc(stack.accessToken("taken@example.com"))
                .updateUser(UpdateUserRequest.newBuilder().setPassword("a new passphrase").setCurrentPassword("wrong one").build()));
    }

    private static Address address(String street) {
        return Address.newBuilder().setStreetAddress(street).setCity("Berlin").setCountry("DE").setZipCode("10115").build();
    }

    private static StatusRuntimeException expect(Status.Code code, Executable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
        assertThat(e.getStatus().toString(), e.getStatus().getCode(), is(code));
        return e;
    }
}
