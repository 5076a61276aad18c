package dev.meshmall.user.biz;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Semaphore;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id as OWASP recommends it (m=19456 KiB, t=2, p=1, 16-byte salt, 32-byte hash), stored as a PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}) that libargon2 and other implementations read. A hash
 * takes some 40 ms and 19 MiB: every request runs on its own virtual thread, so a semaphore keeps the hashes
 * running at once to the number of cores instead of letting a burst of logins exhaust the heap. Those hashes'
 * blocks stay in a pool for the life of the service (19 MiB a core) and are cleared after each hash: allocated
 * afresh, 19 MiB a hash outgrew the young generation of a small heap and was promoted, and the collections cost
 * more than the hashing.
 */
public final class PasswordHasher {
    private static final int MEMORY_KIB = 19456;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** A hash's memory and the few blocks its compression function works in. */
    private static final int BLOCKS_PER_HASH = Argon2BytesGenerator.getBlockCount(MEMORY_KIB, PARALLELISM) + 16;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private final Semaphore slots;
    private final Argon2BytesGenerator.BlockPool blocks;
    /** Checked against when the email is unknown, so that answer costs what a wrong password costs. */
    private final String decoy;

    public PasswordHasher(int concurrentHashes) {
        this.slots = new Semaphore(concurrentHashes, true);
        this.blocks = new Argon2BytesGenerator.FixedBlockPool(concurrentHashes * BLOCKS_PER_HASH);
        this.decoy = hash("decoy password, never anyone's " + random.nextLong());
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Phc phc = new Phc(MEMORY_KIB, ITERATIONS, PARALLELISM, salt, new byte[HASH_BYTES]);
        byte[] hash = derive(password, phc);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM
                + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether {@code password} is the one {@code stored} was made from; false for a malformed string. */
    public boolean matches(String password, String stored) {
        Optional<Phc> phc = Phc.parse(stored);
        if (phc.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(derive(password, phc.get()), phc.get().hash());
    }

    /** Spends the time of a password check on nothing: the answer to an unknown email. */
    public void matchDecoy(String password) {
        matches(password, decoy);
    }

    private byte[] derive(String password, Phc phc) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(phc.memoryKib())
                .withIterations(phc.iterations())
                .withParallelism(phc.parallelism())
                .withSalt(phc.salt())
                .withBlockPool(blocks)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[phc.hash().length];
        acquire();
        try {
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        } finally {
            slots.release();
        }
        return out;
    }

    private void acquire() {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DomainError(ErrorKind.UNAVAILABLE, "interrupted", "the request was interrupted");
        }
    }

    /** The parts of an Argon2id PHC string. */
    private record Phc(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
        static Optional<Phc> parse(String phc) {
            String[] parts = phc.split("\\$");
            if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
                return Optional.empty();
            }
            try {
                String[] costs = parts[3].split(",");
                if (costs.length != 3 || !costs[0].startsWith("m=") || !costs[1].startsWith("t=")
                        || !costs[2].startsWith("p=")) {
                    return Optional.empty();
                }
                return Optional.of(new Phc(Integer.parseInt(costs[0].substring(2)),
                        Integer.parseInt(costs[1].substring(2)), Integer.parseInt(costs[2].substring(2)),
                        B64_DECODER.decode(parts[4]), B64_DECODER.decode(parts[5])));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }
}
