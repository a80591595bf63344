package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.CloudJob;
import io.batchroutes.emulator.model.CloudPool;

/**
 * Containers need a container engine, which the emulator does not drive (it runs every task as a local process):
 * pools with a {@code containerConfiguration} and tasks with {@code containerSettings} are refused with 501
 * {@code NotImplemented} naming the property, rather than run outside a container.
 */
final class Containers {
    private Containers() {
    }

    static BatchServiceException notBuilt(String property) {
        return BatchErrorCode.NOT_IMPLEMENTED.exceptionWithMessage("The Batch emulator runs tasks as local processes "
                + "and does not run containers (" + property + " needs a container engine).", "PropertyName",
                property);
    }

    static void check(CloudPool p) {
        if (p.virtualMachineConfiguration != null && p.virtualMachineConfiguration.hasNonNull("containerConfiguration")) {
            throw notBuilt("virtualMachineConfiguration.containerConfiguration");
        }
        if (p.startTask != null && p.startTask.containerSettings != null) {
            throw notBuilt("startTask.containerSettings");
        }
    }

    static void check(CloudJob j) {
        if (j.jobPreparationTask != null && j.jobPreparationTask.containerSettings != null) {
            throw notBuilt("jobPreparationTask.containerSettings");
        }
        if (j.jobReleaseTask != null && j.jobReleaseTask.containerSettings != null) {
            throw notBuilt("jobReleaseTask.containerSettings");
        }
        if (j.jobManagerTask != null && j.jobManagerTask.containerSettings != null) {
            throw notBuilt("jobManagerTask.containerSettings");
        }
    }
}
