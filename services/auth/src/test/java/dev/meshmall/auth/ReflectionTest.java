package dev.meshmall.auth;

import dev.meshmall.testing.TestServices;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

class ReflectionTest {
    @Test
    void grpcurlAndEvansCanListAndDescribeTheAuthService() {
        try (TestAuth auth = TestAuth.start(TestAuth.freshSettings())) {
            assertThat(TestServices.reflectedServices(auth.channel), hasItem("meshmall.auth.v1.AuthService"));
            assertThat(TestServices.reflectedFiles(auth.channel, "meshmall.auth.v1.AuthService"),
                    contains("meshmall/auth/v1/auth.proto", "google/protobuf/timestamp.proto"));
            assertThat(TestServices.reflectedFiles(auth.channel, "meshmall.auth.v1.TokenPair"),
                    hasItem("meshmall/auth/v1/auth.proto"));
            assertThat(TestServices.reflectedFiles(auth.channel, "meshmall.auth.v1.NoSuchThing"), is(empty()));
        }
    }
}
