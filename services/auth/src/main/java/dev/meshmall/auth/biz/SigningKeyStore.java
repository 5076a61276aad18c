package dev.meshmall.auth.biz;

import java.time.Duration;
import java.util.List;

/** Where the key ring keeps its keys, shared by every replica of auth. */
public interface SigningKeyStore {
    /** The keys not yet retired, newest first; a key whose private part cannot be decrypted has none. */
    List<SigningKey> unretired();

    /** Stores a new key; false when another replica already created a key of the same generation. */
    boolean add(SigningKey key);

    /** Retires every key superseded by a key older than {@code age}; answers how many were retired. */
    int retireSupersededBefore(Duration age);
}
