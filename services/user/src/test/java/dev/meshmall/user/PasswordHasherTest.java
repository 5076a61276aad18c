package dev.meshmall.user;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import dev.meshmall.user.biz.PasswordHasher;

import org.junit.jupiter.api.Test;

import static dev.meshmall.user.Regex.matchesPattern;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

class PasswordHasherTest {
    private static final PasswordHasher HASHER = new PasswordHasher(2);

    @Test
    void aHashIsAnArgon2idPhcStringWithItsOwnSalt() {
        String first = HASHER.hash("correct horse battery staple");
        String second = HASHER.hash("correct horse battery staple");

        assertThat(first, matchesPattern("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}"));
        assertThat(second, not(first));
        assertThat(HASHER.matches("correct horse battery staple", first), is(true));
        assertThat(HASHER.matches("correct horse battery stapler", first), is(false));
    }

    /** Made by libargon2 (the reference implementation), so hashes move freely between implementations. */
    @Test
    void aHashMadeByTheReferenceImplementationVerifies() {
        String reference = "$argon2id$v=19$m=19456,t=2,p=1$bWVzaG1hbGwtc2FsdC0xNg$NJbZbpHC893OOWLZJ6+hVxkdDyNkBMAZV7VbIgncPsY";

        assertThat(HASHER.matches("correct horse battery staple", reference), is(true));
        assertThat(HASHER.matches("Correct horse battery staple", reference), is(false));
    }

    /** The blocks of one hash are pooled for the next: each must start as if none had run before it. */
    @Test
    void hashesAtOnceOnPooledBlocksEachVerifyAsTheReferenceDoes() throws Exception {
        String reference = "$argon2id$v=19$m=19456,t=2,p=1$bWVzaG1hbGwtc2FsdC0xNg$NJbZbpHC893OOWLZJ6+hVxkdDyNkBMAZV7VbIgncPsY";
        PasswordHasher hasher = new PasswordHasher(2);
        List<Callable<String>> hashes = IntStream.range(0, 6)
                .<Callable<String>>mapToObj(i -> () -> hasher.hash("password " + i)).toList();
        List<String> made = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(3)) {
            for (Future<String> hash : threads.invokeAll(hashes)) {
                made.add(hash.get());
            }
        }

        for (int i = 0; i < made.size(); i++) {
            assertThat(hasher.matches("password " + i, made.get(i)), is(true));
            assertThat(hasher.matches("password " + (i + 1), made.get(i)), is(false));
        }
        assertThat(hasher.matches("correct horse battery staple", reference), is(true));
    }

    @Test
    void aMalformedHashMatchesNothing() {
        assertThat(HASHER.matches("anything", ""), is(false));
        assertThat(HASHER.matches("anything", "$argon2i$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA"), is(false));
        assertThat(HASHER.matches("anything", "$argon2id$v=19$m=x,t=2,p=1$c2FsdHNhbHQ$aGFzaA"), is(false));
    }
}
