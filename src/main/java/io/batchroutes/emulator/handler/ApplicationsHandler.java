package io.batchroutes.emulator.handler;

import io.batchroutes.emulator.model.ApplicationSummary;
import io.batchroutes.emulator.service.ApplicationService;

/** {@code /applications}: the package store's applications and their versions. */
public final class ApplicationsHandler {
    private final ApplicationService applications;

    public ApplicationsHandler(ApplicationService applications) {
        this.applications = applications;
    }

    public Reply list(ApiRequest r) {
        return Reply.list(applications.list(), "applications");
    }

    public Reply get(ApiRequest r) {
        ApplicationSummary a = applications.get(r.path("applicationId"));
        return Reply.entity(a, "applications", null, null);
    }
}
