/** Rotating jobs: a job family whose tasks go to the newest job, and whose older jobs are deleted once drained. */
package io.batchroutes.component.jobs;
