package io.billingbridge.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RequestIdFilterTest {

    @Test
    void requestIdsMadeOnManyThreadsAtOnceAreWellFormedAndNeverRepeat() throws Exception {
        int threads = 8;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> made = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                made.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>(perThread);
                    for (int i = 0; i < perThread; i++) {
                        ids.add(RequestIdFilter.newId());
                    }
                    return ids;
                }));
            }
            Set<String> all = new HashSet<>();
            for (Future<List<String>> ids : made) {
                for (String id : ids.get()) {
                    assertThat(id).matches("req_[0-9a-f]{24}");
                    all.add(id);
                }
            }
            assertThat(all).as("distinct ids").hasSize(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
    }
}
