package dev.meshmall.load.driver;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Runs an operation for a lead-in that is not measured, then for a measured window, either closed (a fixed number
 * of workers, each starting its next operation when the last ends: capacity) or open (operations started at a
 * fixed rate whatever the answers: latency at a given load, counted from when each should have started, so a
 * stall is not hidden by the requests it held back). Only operations that start in the window count. The window's
 * bounds are printed to standard error as {@code measure-start} and {@code measure-end}, for whoever samples the
 * measured processes' CPU; the driver's own CPU over the window is in its result.
 */
final class Load {
    interface Operation {
        void run(Timings timings) throws Shop.Failure;
    }

    /** Latencies of the parts of an operation worth telling apart (a purchase's checkout). */
    static final class Timings {
        private final Map<String, Long> parts = new TreeMap<>();

        void time(String part, Step step) throws Shop.Failure {
            long start = System.nanoTime();
            step.run();
            parts.merge(part, System.nanoTime() - start, Long::sum);
        }
    }

    interface Step {
        void run() throws Shop.Failure;
    }

    private final Duration leadIn;
    private final Duration window;
    private final List<Long> latencies = new ArrayList<>();
    private final Map<String, List<Long>> parts = new TreeMap<>();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
    private final AtomicLong ok = new AtomicLong();
    private long windowStart;
    private long windowEnd;
    private volatile long cpuAtStart;
    private volatile long cpuAtEnd;

    Load(Duration leadIn, Duration window) {
        this.leadIn = leadIn;
        this.window = window;
    }

    String closed(int workers, Operation operation) throws InterruptedException {
        long start = System.nanoTime();
        bounds(start);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int w = 0; w < workers; w++) {
                threads.submit(() -> {
                    long begun;
                    while ((begun = System.nanoTime()) < windowEnd) {
                        once(operation, begun);
                    }
                });
            }
            watchWindow(start);
        }
        return result("closed", workers);
    }

    /**
     * Open: an operation due every 1/{@code perSecond} s, at most {@code connections} at once (the JDK's client
     * opens a connection per operation in flight: unbounded, a stall would become a storm of connects); one that
     * waits for a free slot is late, and its latency counts the wait.
     */
    String open(double perSecond, int connections, Operation operation) throws InterruptedException {
        long start = System.nanoTime();
        bounds(start);
        long interval = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        Semaphore slots = new Semaphore(connections);
        Thread window = Thread.ofPlatform().name("measure-window").start(() -> {
            try {
                watchWindow(start);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long due = start; due < windowEnd; due += interval) {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long intended = due;
                threads.submit(() -> {
                    slots.acquireUninterruptibly();
                    try {
                        once(operation, intended);
                    } finally {
                        slots.release();
                    }
                });
            }
        }
        window.join();
        return result("open", perSecond);
    }

    private void bounds(long start) {
        windowStart = start + leadIn.toNanos();
        windowEnd = windowStart + window.toNanos();
    }

    private void watchWindow(long start) throws InterruptedException {
        sleepUntil(windowStart);
        cpuAtStart = processCpu();
        System.err.println("measure-start");
        sleepUntil(windowEnd);
        cpuAtEnd = processCpu();
        System.err.println("measure-end");
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    private void once(Operation operation, long intended) {
        Timings timings = new Timings();
        boolean counted = intended >= windowStart && intended < windowEnd;
        try {
            operation.run(timings);
            long latency = System.nanoTime() - intended;
            if (counted) {
                ok.incrementAndGet();
                synchronized (this) {
                    latencies.add(latency);
                    timings.parts.forEach((part, nanos) -> parts.computeIfAbsent(part, p -> new ArrayList<>()).add(nanos));
                }
            }
        } catch (Shop.Failure e) {
            if (counted) {
                failures.computeIfAbsent(e.reason, r -> new AtomicLong()).incrementAndGet();
            }
        } catch (RuntimeException e) {
            if (counted) {
                failures.computeIfAbsent(e.getClass().getSimpleName(), r -> new AtomicLong()).incrementAndGet();
            }
        }
    }

    private synchronized String result(String mode, double load) {
        double seconds = window.toNanos() / 1e9;
        long failed = failures.values().stream().mapToLong(AtomicLong::get).sum();
        StringBuilder json = new StringBuilder();
        json.append(String.format(Locale.ROOT, "{\"mode\":\"%s\",\"load\":%s,\"seconds\":%.1f,\"ok\":%d,\"failed\":%d,"
                + "\"rate\":%.2f,\"driver_cpu_ms\":%.0f,\"latency_ms\":%s", mode, trim(load), seconds, ok.get(), failed,
                ok.get() / seconds, (cpuAtEnd - cpuAtStart) / 1e6, percentiles(latencies)));
        parts.forEach((part, values) -> json.append(",\"").append(part).append("_ms\":").append(percentiles(values)));
        json.append(",\"failures\":{");
        json.append(String.join(",", failures.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":" + e.getValue().get()).sorted().toList()));
        return json.append("}}").toString();
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String percentiles(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "null";
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "{\"p50\":%.2f,\"p95\":%.2f,\"p99\":%.2f,\"max\":%.2f}",
                at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double at(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
