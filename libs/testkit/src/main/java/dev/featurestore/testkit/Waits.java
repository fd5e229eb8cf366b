package dev.featurestore.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polling for servers coming up; the testkit has no test-only dependency such as Awaitility. */
final class Waits {
    private Waits() {
    }

    static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after %s waiting for %s".formatted(timeout, what));
            }
            pause(Duration.ofMillis(50));
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
