package dev.meshmall.platform.identity;

import java.util.Map;
import java.util.Optional;

import static dev.meshmall.platform.identity.Access.anyPeer;
import static dev.meshmall.platform.identity.Access.services;
import static dev.meshmall.platform.identity.Access.users;
import static java.util.Map.entry;

/**
 * The one table of who may call each gRPC method of the shop, enforced by every server's gRPC edge and equal to
 * the services named in the mesh's AuthorizationPolicy ({@code mesh/authorization.yaml}; deploy-check compares
 * them). A method missing here is refused to everyone. Under the mesh only the services reach gRPC at all; the
 * end-user and any-peer entries serve a person with a workload certificate and grpcurl outside it.
 */
public final class GrpcAccess {
    public static final String REFLECTION = "grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo";
    private static final String ADMIN = Caller.ADMIN;
    private static final String MERCHANT = Caller.MERCHANT;

    private static final Map<String, Access> TABLE = Map.ofEntries(
            entry("meshmall.auth.v1.AuthService/Login", anyPeer()),
            entry("meshmall.auth.v1.AuthService/RefreshTokens", anyPeer()),
            entry("meshmall.auth.v1.AuthService/VerifyToken", anyPeer()),
            entry("meshmall.auth.v1.AuthService/Logout", users()),
            entry("meshmall.auth.v1.AuthService/RevokeUserTokens", services("user")),
            entry("meshmall.auth.v1.AuthService/GetJwks", anyPeer()),

            entry("meshmall.user.v1.UserService/Register", anyPeer()),
            entry("meshmall.user.v1.UserService/Login", services("auth")),
            entry("meshmall.user.v1.UserService/GetUser", users()),
            entry("meshmall.user.v1.UserService/UpdateUser", users()),
            entry("meshmall.user.v1.UserService/DeleteUser", users()),
            entry("meshmall.user.v1.UserService/ListAddresses", users()),
            entry("meshmall.user.v1.UserService/GetAddress", users().orServices("checkout")),
            entry("meshmall.user.v1.UserService/AddAddress", users()),
            entry("meshmall.user.v1.UserService/UpdateAddress", users()),
            entry("meshmall.user.v1.UserService/DeleteAddress", users()),
            entry("meshmall.user.v1.UserService/ListCards", users()),
            entry("meshmall.user.v1.UserService/GetCard", users().orServices("checkout", "payment")),
            entry("meshmall.user.v1.UserService/AddCard", users()),
            entry("meshmall.user.v1.UserService/DeleteCard", users()),
            entry("meshmall.user.v1.UserService/BanUser", users(ADMIN)),
            entry("meshmall.user.v1.UserService/UnbanUser", users(ADMIN)),
            entry("meshmall.user.v1.UserService/SetRoles", users(ADMIN)),
            entry("meshmall.user.v1.UserService/GetAccount", services("auth")),

            entry("meshmall.product.v1.ProductService/ListProducts", anyPeer()),
            entry("meshmall.product.v1.ProductService/GetProduct", anyPeer()),
            entry("meshmall.product.v1.ProductService/SearchProducts", anyPeer()),
            entry("meshmall.product.v1.ProductService/ListCategories", anyPeer()),
            entry("meshmall.product.v1.ProductService/GetProducts", users().orServices("cart", "checkout")),
            entry("meshmall.product.v1.ProductService/CreateProduct", users(MERCHANT, ADMIN)),
            entry("meshmall.product.v1.ProductService/UpdateProduct", users(MERCHANT, ADMIN)),
            entry("meshmall.product.v1.ProductService/DeleteProduct", users(MERCHANT, ADMIN)),
            entry("meshmall.product.v1.ProductService/ReserveStock", services("order")),
            entry("meshmall.product.v1.ProductService/ReleaseStock", services("order")),
            entry("meshmall.product.v1.ProductService/CommitStock", services("order")),

            entry("meshmall.cart.v1.CartService/AddItem", users()),
            entry("meshmall.cart.v1.CartService/SetItemQuantity", users()),
            entry("meshmall.cart.v1.CartService/RemoveItem", users()),
            entry("meshmall.cart.v1.CartService/GetCart", users().orServices("checkout")),
            entry("meshmall.cart.v1.CartService/EmptyCart", users().orServices("checkout")),

            entry("meshmall.checkout.v1.CheckoutService/Checkout", users()),
            entry("meshmall.checkout.v1.CheckoutService/PayOrder", users()),

            entry("meshmall.order.v1.OrderService/PlaceOrder", services("checkout")),
            entry("meshmall.order.v1.OrderService/GetOrder", users().orServices("checkout", "payment")),
            entry("meshmall.order.v1.OrderService/ListOrders", users()),
            entry("meshmall.order.v1.OrderService/UpdateOrder", users()),
            entry("meshmall.order.v1.OrderService/MarkOrderPaid", services("checkout")),
            entry("meshmall.order.v1.OrderService/CancelOrder", users().orServices("checkout")),

            entry("meshmall.payment.v1.PaymentService/Charge", services("checkout")),
            entry("meshmall.payment.v1.PaymentService/GetPayment", users().orServices("checkout", "order")),
            entry("meshmall.payment.v1.PaymentService/CancelPayment", services("checkout")),
            entry("meshmall.payment.v1.PaymentService/AbandonCharge", services("checkout")),
            entry("meshmall.payment.v1.PaymentService/RefundPayment", services("checkout", "order")),
            entry("meshmall.payment.v1.PaymentService/TokenizeCard", services("user")),

            entry(REFLECTION, anyPeer()));

    private static final GrpcAccess SHOP = new GrpcAccess(TABLE);

    private final Map<String, Access> rules;

    private GrpcAccess(Map<String, Access> rules) {
        this.rules = Map.copyOf(rules);
    }

    /** The shop's table, which every service enforces. */
    public static GrpcAccess shop() {
        return SHOP;
    }

    /** This table and one more method, for a test's own service (the platform's probe). */
    public GrpcAccess with(String fullMethodName, Access access) {
        Map<String, Access> more = new java.util.HashMap<>(rules);
        more.put(fullMethodName, access);
        return new GrpcAccess(more);
    }

    /** The rule of {@code fullMethodName} ({@code meshmall.order.v1.OrderService/GetOrder}); none refuses everyone. */
    public Optional<Access> of(String fullMethodName) {
        return Optional.ofNullable(rules.get(fullMethodName));
    }

    public Map<String, Access> rules() {
        return rules;
    }
}
