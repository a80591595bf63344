package io.batchroutes.component.docs;

import org.apache.camel.builder.RouteBuilder;

/** The Java DSL twin of the YAML example routes. */
public class BatchRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // Provision: the pool (PoolAddParameter built by the batchSetup bean), then a job on it. Both idempotent.
        from("direct:provision").routeId("batch-provision")
                .bean("batchSetup", "pool('{{batch.pool}}')")
                .to("azure-batch:{{batch.job}}?operation=ensurePool")
                .to("azure-batch:{{batch.job}}?operation=ensureJob&poolId={{batch.pool}}");

        // Submit: the body's lines become tasks, sent in chunks of at most 100. TaskExists counts as added.
        from("direct:submit").routeId("batch-submit")
                .bean("batchSetup", "tasks")
                .to("azure-batch:{{batch.job}}?operation=addTasks");

        // Collect: one exchange per completed task; its stdout is streamed to a file named after the task.
        from("azure-batch:{{batch.job}}?delay={{batch.poll-delay:1000}}").routeId("batch-collect")
                .log("Task ${header.CamelAzureBatchTaskId}: ${header.CamelAzureBatchTaskResult},"
                     + " exit code ${header.CamelAzureBatchExitCode}")
                .to("azure-batch:{{batch.job}}?operation=getTaskFile&filePath=stdout.txt&fileResultType=stream")
                .to("file:{{batch.results}}?fileName=${header.CamelAzureBatchTaskId}.out");
    }
}
