package dev.meshmall.auth;

import dev.meshmall.testing.TestServices;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.hasItem;

class ReflectionTest {
    @Test
    void grpcurlAndEvansCanListTheAuthService() {
        try (TestAuth auth = TestAuth.start(TestAuth.freshSettings())) {
            assertThat(TestServices.reflectedServices(auth.channel), hasItem("meshmall.auth.v1.AuthService"));
        }
    }
}
