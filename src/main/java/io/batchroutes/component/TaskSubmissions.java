package io.batchroutes.component;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the consumers of a job that a producer of the same component just added tasks to it, so an idle consumer can
 * poll promptly (see {@link AzureBatchConfiguration#getPromptPollDelay()}). In-process only: a hint that saves
 * latency, never a source of truth (the consumer still learns every completion from Batch).
 */
final class TaskSubmissions {

    private final Map<String, Set<Runnable>> listeners = new ConcurrentHashMap<>();

    /** The key of a job: the same job id on another account is another job. */
    static String key(String accountUrl, String jobId) {
        return Objects.toString(accountUrl, "") + " " + jobId;
    }

    void listen(String key, Runnable listener) {
        listeners.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(listener);
    }

    void remove(String key, Runnable listener) {
        listeners.computeIfPresent(key, (k, set) -> {
            set.remove(listener);
            return set.isEmpty() ? null : set;
        });
    }

    void submitted(String key) {
        Set<Runnable> set = listeners.get(key);
        if (set != null) {
            set.forEach(Runnable::run);
        }
    }
}
