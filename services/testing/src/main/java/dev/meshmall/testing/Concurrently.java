package dev.meshmall.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Races: the same call made many times at once, to show that only the allowed outcome wins. */
public final class Concurrently {
    private Concurrently() {
    }

    /**
     * The answers of {@code calls} calls of {@code call} (given 0, 1, ...), each on its own thread and all
     * released together, in call order. A call that throws fails the test.
     */
    public static <T> List<T> call(int calls, IntFunction<T> call) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<T>> tasks = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            int n = i;
            tasks.add(() -> {
                start.await();
                return call.apply(n);
            });
        }
        List<T> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(calls)) {
            List<Future<T>> futures = new ArrayList<>();
            tasks.forEach(task -> futures.add(pool.submit(task)));
            start.countDown();
            for (Future<T> answer : futures) {
                answers.add(answer.get());
            }
        } catch (ExecutionException e) {
            throw new AssertionError("a concurrent call failed", e.getCause());
        }
        return answers;
    }
}
