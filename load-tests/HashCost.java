import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

import com.sun.management.OperatingSystemMXBean;

import dev.meshmall.user.biz.PasswordHasher;

/**
 * The CPU of one Argon2id hash as user computes it (its own PasswordHasher, on user's classpath, with user's heap
 * and collector): bench.sh runs it pinned to the shop's core and sets sign-up and login against it. Prints
 * {"hash_ms": median of batches, "check_ms": the same for a password check}, process CPU (collector included).
 *
 *   java -Xmx96m -XX:+UseSerialGC -cp "meshmall-user.jar:libs/*" load-tests/HashCost.java
 */
public class HashCost {
    private static final int WARM_UP = 15;
    private static final int BATCHES = 5;
    private static final int PER_BATCH = 6;

    public static void main(String[] args) {
        PasswordHasher hasher = new PasswordHasher(1);
        String stored = hasher.hash("bench-password-1");
        for (int i = 0; i < WARM_UP; i++) {
            hasher.matches("bench-password-1", hasher.hash("bench-password-1"));
        }
        System.out.printf(Locale.ROOT, "{\"hash_ms\":%.2f,\"check_ms\":%.2f}%n",
                median(() -> hasher.hash("bench-password-1")),
                median(() -> hasher.matches("bench-password-1", stored)));
    }

    private static double median(Runnable work) {
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] perHash = new double[BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            long start = os.getProcessCpuTime();
            for (int i = 0; i < PER_BATCH; i++) {
                work.run();
            }
            perHash[b] = (os.getProcessCpuTime() - start) / 1e6 / PER_BATCH;
        }
        Arrays.sort(perHash);
        return perHash[BATCHES / 2];
    }
}
