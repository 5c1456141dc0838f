package io.billingbridge.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DrainLoopTest {
    private final DrainLoop loop = new DrainLoop("drain-loop-test", "the test store");

    @AfterEach
    void stop() throws InterruptedException {
        loop.stop();
    }

    @Test
    void manyWakesWhileARunIsQueuedCostOneRunAndAWakeDuringARunQueuesTheNext() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch firstRunStarted = new CountDownLatch(1);
        Semaphore release = new Semaphore(0);
        Semaphore finished = new Semaphore(0);
        loop.attach(() -> {
            runs.incrementAndGet();
            firstRunStarted.countDown();
            release.acquireUninterruptibly();
            finished.release();
        });

        loop.wake();
        assertThat(firstRunStarted.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 1_000; i++) {
            loop.wake();
        }
        release.release(2);

        assertThat(finished.tryAcquire(2, 5, TimeUnit.SECONDS)).isTrue();
        release.release();
        loop.wake();
        loop.stop();
        assertThat(runs.get()).as("the first run, one for the thousand wakes during it, at most one more")
                .isBetween(2, 3);
    }

    @Test
    void aRunThatThrowsLeavesTheLoopRunningForTheNextWake() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch firstRun = new CountDownLatch(1);
        CountDownLatch secondRun = new CountDownLatch(1);
        loop.attach(() -> {
            if (runs.incrementAndGet() == 1) {
                firstRun.countDown();
                throw new IllegalStateException("the store went away");
            }
            secondRun.countDown();
        });

        loop.wake();
        assertThat(firstRun.await(5, TimeUnit.SECONDS)).isTrue();
        loop.wake();

        assertThat(secondRun.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void wakesBeforeAnythingIsAttachedOrAfterStopDoNothing() throws InterruptedException {
        loop.wake();
        AtomicInteger runs = new AtomicInteger();
        loop.stop();
        loop.attach(runs::incrementAndGet);
        loop.wake();

        assertThat(runs.get()).isZero();
    }
}
