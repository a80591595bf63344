package io.batchroutes.emulator.handler;

import io.batchroutes.emulator.model.CloudTask;
import io.batchroutes.emulator.model.CloudTaskListSubtasksResult;
import io.batchroutes.emulator.model.ModelProperties;
import io.batchroutes.emulator.model.TaskAddCollectionParameter;
import io.batchroutes.emulator.model.TaskAddCollectionResult;
import io.batchroutes.emulator.service.ListPage;
import io.batchroutes.emulator.service.TaskService;

/** {@code /jobs/{jobId}/tasks} and {@code /jobs/{jobId}/addtaskcollection}. */
public final class TasksHandler {
    private final TaskService tasks;

    public TasksHandler(TaskService tasks) {
        this.tasks = tasks;
    }

    public Reply add(ApiRequest r) {
        TaskService.Added t = tasks.add(r.path("jobId"), r.bodyAs(CloudTask.class));
        return Reply.created(t.url(), t.eTag(), t.lastModified());
    }

    public Reply addCollection(ApiRequest r) {
        TaskAddCollectionParameter p = r.bodyAs(TaskAddCollectionParameter.class);
        TaskAddCollectionResult result = new TaskAddCollectionResult();
        result.value = tasks.addCollection(r.path("jobId"), p == null ? null : p.value, r.body().length);
        return Reply.json(200, result);
    }

    public Reply list(ApiRequest r) {
        ListQuery q = r.listQuery("tasks");
        ListPage<CloudTask> page = tasks.list(r.path("jobId"), t -> q.filter().test(ModelProperties.of(t)), q.skip(),
                q.maxResults());
        return Reply.page(page.items(), "tasks", page.nextSkip());
    }

    public Reply get(ApiRequest r) {
        CloudTask t = tasks.get(r.path("jobId"), r.path("taskId"));
        if (Conditions.notModified(r, t.eTag, t.lastModified)) {
            return Conditions.notModifiedReply(t.eTag, t.lastModified);
        }
        return Reply.entity(t, "tasks", t.eTag, t.lastModified).header("DataServiceId", t.url);
    }

    public Reply terminate(ApiRequest r) {
        checked(r);
        tasks.terminate(r.path("jobId"), r.path("taskId"));
        CloudTask t = tasks.get(r.path("jobId"), r.path("taskId"));
        return Reply.empty(204).header("DataServiceId", t.url).entityHeaders(t.eTag, t.lastModified);
    }

    public Reply update(ApiRequest r) {
        checked(r);
        tasks.update(r.path("jobId"), r.path("taskId"), r.bodyAs(CloudTask.class));
        CloudTask t = tasks.get(r.path("jobId"), r.path("taskId"));
        return Reply.empty(200).header("DataServiceId", t.url).entityHeaders(t.eTag, t.lastModified);
    }

    public Reply reactivate(ApiRequest r) {
        checked(r);
        tasks.reactivate(r.path("jobId"), r.path("taskId"));
        CloudTask t = tasks.get(r.path("jobId"), r.path("taskId"));
        return Reply.empty(204).header("DataServiceId", t.url).entityHeaders(t.eTag, t.lastModified);
    }

    public Reply delete(ApiRequest r) {
        checked(r);
        tasks.delete(r.path("jobId"), r.path("taskId"));
        return Reply.empty(200);
    }

    /** A multi-instance task's subtasks; an empty list for other tasks. */
    public Reply listSubtasks(ApiRequest r) {
        CloudTaskListSubtasksResult result = new CloudTaskListSubtasksResult();
        result.value = tasks.listSubtasks(r.path("jobId"), r.path("taskId"));
        return Reply.json(200, result);
    }

    private void checked(ApiRequest r) {
        if (!Conditions.any(r)) {
            return;
        }
        CloudTask t = tasks.get(r.path("jobId"), r.path("taskId"));
        Conditions.require(r, t.eTag, t.lastModified);
    }
}
