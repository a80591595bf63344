package io.batchroutes.app.status;

import java.util.Locale;

/** The heat map's colours: Batch's many node states folded into what an operator needs to tell apart. */
public enum NodeCategory {
    idle, running, starting, starttaskfailed, preempted, unusable, leaving;

    /** The category of a Batch node state (as the REST API spells it, e.g. {@code waitingforstarttask}). */
    public static NodeCategory of(String state) {
        if (state == null) {
            return unusable;
        }
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "idle" -> idle;
            case "running" -> running;
            case "creating", "starting", "waitingforstarttask", "rebooting", "reimaging", "upgradingos" -> starting;
            case "starttaskfailed" -> starttaskfailed;
            case "preempted" -> preempted;
            case "leavingpool", "deallocating", "deallocated" -> leaving;
            default -> unusable; // unusable, unknown, offline
        };
    }
}
