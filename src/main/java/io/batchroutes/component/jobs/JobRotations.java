package io.batchroutes.component.jobs;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** The rotating jobs of one component: one {@link JobRotation} per account and family, shared by its endpoints. */
public final class JobRotations {

    private final Map<String, JobRotation> byKey = new ConcurrentHashMap<>();

    public JobRotation of(String accountUrl, String family, int tasksPerJob) {
        return byKey.computeIfAbsent(Objects.toString(accountUrl, "") + " " + family, k -> new JobRotation(family, tasksPerJob));
    }
}
