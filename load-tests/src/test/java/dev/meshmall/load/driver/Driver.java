package dev.meshmall.load.driver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's load generator: one light JVM on a core of its own, where Gatling's cost per request exceeded
 * the shop's. Prints one JSON object of what it measured (see {@link Load}).
 *
 * <pre>
 * Driver accounts --base URL --prefix P --count N           sign up N shoppers P-0..P-(N-1), unmeasured
 * Driver purchase --base URL --prefix P --count N --products ID,ID,... [--cart-size K] LOAD
 *                                                            each purchase: a shopper's cart gets K products, checked out PAID
 * Driver reads    --base URL --products ID,ID,... LOAD      product by id, over --connections (8) kept-alive connections
 * Driver sign-up  --base URL --prefix P LOAD                 a new account each
 * Driver log-in   --base URL --prefix P --count N LOAD       the N shoppers in turn
 * LOAD: (--workers C | --rate R [--connections N, 32]) --seconds S [--lead-in S, 3]
 * </pre>
 */
public final class Driver {
    private final Map<String, String> options = new HashMap<>();

    private Driver(String[] args) {
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected an option, got " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: Driver accounts|purchase|reads|sign-up|log-in --option value ...");
            System.exit(2);
        }
        Driver driver = new Driver(args);
        System.out.println(switch (args[0]) {
            case "accounts" -> driver.accounts();
            case "purchase" -> driver.purchase();
            case "reads" -> driver.reads();
            case "sign-up" -> driver.signUp();
            case "log-in" -> driver.logIn();
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        });
    }

    private String accounts() throws Exception {
        Shop shop = shop();
        int count = integer("count");
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String email = Shop.email(option("prefix"), i);
                created.add(threads.submit(() -> {
                    shop.signUp(email);
                    return null;
                }));
            }
            for (Future<?> future : created) {
                future.get();
            }
        }
        return "{\"created\":" + count + "}";
    }

    private String purchase() throws Exception {
        Shop shop = shop();
        List<String> products = products();
        int cartSize = Integer.parseInt(options.getOrDefault("cart-size", "1"));
        if (cartSize > products.size()) {
            throw new IllegalArgumentException("a cart of " + cartSize + " needs as many products");
        }
        int count = integer("count");
        BlockingQueue<Shop.Account> shoppers = new ArrayBlockingQueue<>(count);
        try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
            List<Future<Shop.Account>> logins = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String email = Shop.email(option("prefix"), i);
                logins.add(threads.submit(() -> shop.logIn(email)));
            }
            for (Future<Shop.Account> login : logins) {
                shoppers.add(login.get());
            }
        }
        return run((timings) -> {
            Shop.Account shopper = take(shoppers);
            try {
                for (String product : pick(products, cartSize)) {
                    shop.addToCart(shopper, product);
                }
                timings.time("checkout", () -> shop.checkOut(shopper));
            } finally {
                shoppers.add(shopper);
            }
        });
    }

    private String reads() throws Exception {
        List<String> products = products();
        try (RawReads reads = new RawReads(option("base"), Integer.parseInt(options.getOrDefault("connections", "8")))) {
            return run(timings -> reads.product(products.get(ThreadLocalRandom.current().nextInt(products.size()))));
        }
    }

    private String signUp() throws Exception {
        Shop shop = shop();
        AtomicLong next = new AtomicLong();
        String prefix = option("prefix");
        return run(timings -> shop.signUp(Shop.email(prefix, next.getAndIncrement())));
    }

    private String logIn() throws Exception {
        Shop shop = shop();
        AtomicLong next = new AtomicLong();
        String prefix = option("prefix");
        int count = integer("count");
        return run(timings -> shop.logIn(Shop.email(prefix, next.getAndIncrement() % count)));
    }

    private String run(Load.Operation operation) throws InterruptedException {
        Load load = new Load(Duration.ofMillis((long) (1000 * Double.parseDouble(options.getOrDefault("lead-in", "3")))),
                Duration.ofMillis((long) (1000 * Double.parseDouble(option("seconds")))));
        if (options.containsKey("rate")) {
            return load.open(Double.parseDouble(options.get("rate")),
                    Integer.parseInt(options.getOrDefault("connections", "32")), operation);
        }
        return load.closed(integer("workers"), operation);
    }

    private static Shop.Account take(BlockingQueue<Shop.Account> shoppers) throws Shop.Failure {
        try {
            return shoppers.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Shop.Failure("interrupted");
        }
    }

    private static List<String> pick(List<String> products, int count) {
        if (count == 1) {
            return List.of(products.get(ThreadLocalRandom.current().nextInt(products.size())));
        }
        List<String> shuffled = new ArrayList<>(products);
        java.util.Collections.shuffle(shuffled, ThreadLocalRandom.current());
        return shuffled.subList(0, count);
    }

    private Shop shop() {
        return new Shop(option("base"));
    }

    private List<String> products() {
        return Arrays.stream(option("products").split(",")).filter(s -> !s.isBlank()).toList();
    }

    private int integer(String name) {
        return Integer.parseInt(option(name));
    }

    private String option(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is missing");
        }
        return value;
    }
}
