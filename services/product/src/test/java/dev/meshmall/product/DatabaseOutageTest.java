package dev.meshmall.product;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import dev.meshmall.platform.grpc.GrpcErrors;
import dev.meshmall.proto.product.v1.GetProductsRequest;
import dev.meshmall.testing.Reply;
import dev.meshmall.testing.TestDatabase;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The database out of reach (it takes no connection, the service's are cut) is the service unavailable: 503 and
 * UNAVAILABLE with a code a client can act on, not a bug answered 500; once it is back the service serves again
 * without a restart.
 */
class DatabaseOutageTest {
    private static ProductStack stack;

    @BeforeAll
    static void start() {
        stack = ProductStack.start(Map.of("db.connection.connectionTimeout", "1000"));
    }

    @AfterAll
    static void stop() {
        allowConnections(true);
        stack.close();
    }

    @Test
    void theDatabaseOutOfReachIsUnavailableThenServesAgain() throws InterruptedException {
        String lamp = stack.createId("Outage Lamp", 3);
        assertThat(stack.get("/api/v1/products/" + lamp).status(), is(200));

        allowConnections(false);
        Reply down = stack.get("/api/v1/products/" + lamp);
        StatusRuntimeException grpcDown = assertThrows(StatusRuntimeException.class,
                () -> stack.asCart().getProducts(GetProductsRequest.newBuilder().addProductIds(lamp).build()));
        allowConnections(true);

        assertThat(down.body(), down.status(), is(503));
        assertThat(down.code(), is("database_unavailable"));
        assertThat(grpcDown.getStatus().getCode(), is(Status.Code.UNAVAILABLE));
        assertThat(GrpcErrors.code(grpcDown), is("database_unavailable"));
        assertThat(servedAgainWithin(lamp, Duration.ofSeconds(10)), is(true));
    }

    /** The pool meets the connections that were cut one by one and replaces each: a few requests may still fail. */
    private static boolean servedAgainWithin(String productId, Duration patience) throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < deadline) {
            if (stack.get("/api/v1/products/" + productId).status() == 200) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** Lets the test's database take connections or not; when not, the ones it has are cut. */
    private static void allowConnections(boolean allowed) {
        String url = stack.database.get("db.connection.url");
        String name = url.substring(url.lastIndexOf('/') + 1);
        try (Connection c = TestDatabase.server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + allowed);
            if (!allowed) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
