package io.batchroutes.emulator.model;

/** Resource usage of the jobs of a job schedule (JobScheduleStatistics: the same properties as JobStatistics). */
public class JobScheduleStatistics extends JobStatistics {
}
