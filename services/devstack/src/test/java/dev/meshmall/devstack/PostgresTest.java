package dev.meshmall.devstack;

import dev.meshmall.platform.db.DatabaseRoles;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

class PostgresTest {

    /** The devstack runs DatabaseRoles from a service's jar, so it names the roles and variables on its own. */
    @Test
    void eachServicesRoleAndPasswordVariableAreNamedAsThePlatformNamesThem() {
        for (ServiceSpec service : Topology.load().services()) {
            assertThat(Postgres.role(service.name()), is(DatabaseRoles.role(service.name())));
            assertThat(Postgres.passwordVariable(service.name()), is(DatabaseRoles.passwordVariable(service.name())));
            assertThat(DatabaseRoles.SCHEMAS.containsKey(service.name()), is(true));
        }
    }
}
