package dev.meshmall.platform;

import java.util.Optional;

/**
 * A meshmall service as the platform starts it: its name, the Postgres schema it owns, and how it wires its
 * layers. {@code Main} of each service is one line: {@code ServiceLauncher.run(new XxxApp(), args)}.
 */
public interface ServiceApp {
    String name();

    /** The schema migrated from {@code db/migration/<schema>} and reached by {@code db.statements}; empty for none. */
    Optional<String> schema();

    /** Builds the service's handlers over the shared parts the platform opened. */
    Wiring wire(ServiceContext context);
}
