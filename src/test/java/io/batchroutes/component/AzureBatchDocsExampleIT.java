package io.batchroutes.component;

import io.batchroutes.testsupport.EmulatorExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.microsoft.azure.batch.protocol.models.CloudJob;
import io.batchroutes.component.docs.BatchRoutes;
import io.batchroutes.component.docs.BatchSetup;
import io.batchroutes.component.operations.TempFileInputStream;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of src/main/docs/azure-batch-component.adoc, run against the EMULATOR.emulator(). The YAML routes are read from
 * the page at test time; the Java routes and bean must match the page, so the docs cannot drift from what works.
 */
class AzureBatchDocsExampleIT extends CamelTestSupport {

    private static final Path DOC = Paths.get("src/main/docs/azure-batch-component.adoc");
    private static final Path TEST_SOURCES = Paths.get("src/test/java/io/batchroutes/component/docs");
    private static final String TASKS = """
            hello: /bin/sh -c 'echo hello'
            count: /bin/sh -c 'seq 1 3'
            fails: /bin/sh -c 'echo oops >&2; exit 3'
            """;

    @RegisterExtension
    static final EmulatorExtension EMULATOR = new EmulatorExtension();

    @TempDir
    Path results;



    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        Properties properties = new Properties();
        properties.setProperty("batch.pool", "docs-pool");
        properties.setProperty("batch.results", results.toString());
        properties.setProperty("batch.poll-delay", "100");
        context.getPropertiesComponent().setInitialProperties(properties);
        context.getRegistry().bind("batchSetup", new BatchSetup());
        // What camel.component.azure-batch.account-url/-name/-key do with Camel Main.
        PropertyBindingSupport.build().withCamelContext(context)
                .withTarget(context.getComponent("azure-batch"))
                .withProperties(new java.util.HashMap<>(Map.of("accountUrl", EMULATOR.emulator().url(),
                        "accountName", EMULATOR.emulator().accountName(), "accountKey", EMULATOR.emulator().accountKey())))
                .withRemoveParameters(false).bind();
        return context;
    }

    @Test
    void theYamlExampleProvisionsSubmitsCollectsAndReadsStdout() throws Exception {
        context.getPropertiesComponent().addInitialProperty("batch.job", "docs-yaml-job");
        String yaml = listing("example routes yaml");
        assertThat(yaml).contains("id: batch-collect");
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("docs-example.camel.yaml", yaml));

        runTheExample("docs-yaml-job");
    }

    @Test
    void theJavaExampleIsTheSameAndMatchesThePage() throws Exception {
        assertThat(normalized(Files.readString(TEST_SOURCES.resolve("BatchRoutes.java"))))
                .contains(normalized(listing("example routes java")));
        context.getPropertiesComponent().addInitialProperty("batch.job", "docs-java-job");
        context.addRoutes(new BatchRoutes());

        runTheExample("docs-java-job");
    }

    @Test
    void theBeanOnThePageIsTheBeanTheExamplesUse() throws Exception {
        String source = Files.readString(TEST_SOURCES.resolve("BatchSetup.java"));
        String withoutPackage = source.substring(source.indexOf('\n', source.indexOf("package ")) + 1);
        assertThat(normalized(withoutPackage)).isEqualTo(normalized(listing("example bean java")));
    }

    private void runTheExample(String jobId) throws Exception {
        AdviceWith.adviceWith(context, "batch-collect", route -> route.weaveAddLast().to("mock:collected"));
        MockEndpoint collected = getMockEndpoint("mock:collected");
        collected.expectedMessageCount(3);
        collected.setResultWaitTime(TimeUnit.MINUTES.toMillis(1));
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("batch-collect").whenDone(3).create();

        template.sendBody("direct:provision", null);
        assertThat(template.requestBody("azure-batch:" + jobId + "?operation=getJob", null, CloudJob.class).poolInfo()
                .poolId()).isEqualTo("docs-pool");
        template.sendBody("direct:submit", TASKS);
        template.sendBody("direct:provision", null);   // idempotent: PoolExists and JobExists are success
        template.sendBody("direct:submit", TASKS);      // idempotent: TaskExists counts as added

        collected.assertIsSatisfied();
        assertThat(done.matches(1, TimeUnit.MINUTES)).as("all three exchanges done").isTrue();
        Map<String, Exchange> byTask = collected.getReceivedExchanges().stream().collect(Collectors.toMap(
                exchange -> exchange.getIn().getHeader(AzureBatchConstants.TASK_ID, String.class), exchange -> exchange));
        assertThat(byTask).containsOnlyKeys("hello", "count", "fails");
        assertThat(byTask.get("hello").getIn().getHeader(AzureBatchConstants.TASK_RESULT)).isEqualTo("success");
        assertThat(byTask.get("fails").getIn().getHeader(AzureBatchConstants.TASK_RESULT)).isEqualTo("failure");
        assertThat(byTask.get("fails").getIn().getHeader(AzureBatchConstants.EXIT_CODE)).isEqualTo(3);
        assertThat(byTask.get("count").getIn().getHeader(AzureBatchConstants.JOB_ID)).isEqualTo(jobId);

        assertThat(results.resolve("hello.out")).hasContent("hello");
        assertThat(results.resolve("count.out")).hasContent("1\n2\n3");
        assertThat(results.resolve("fails.out")).isEmptyFile();
        for (Exchange exchange : byTask.values()) {
            TempFileInputStream stdout = exchange.getIn().getBody(TempFileInputStream.class);
            assertThat(stdout.isReleased()).as("stdout copy deleted when the exchange completed").isTrue();
            assertThat(stdout.getPath()).doesNotExist();
        }
    }

    /** The text of the listing block between "// NAME: START" and "// NAME: END" of the docs page. */
    static String listing(String name) throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        int start = lines.indexOf("// " + name + ": START");
        int end = lines.indexOf("// " + name + ": END");
        assertThat(start).as("marker '// %s: START' in %s", name, DOC).isNotNegative();
        assertThat(end).as("marker '// %s: END' after START", name).isGreaterThan(start);
        List<String> block = lines.subList(start + 1, end);
        int open = block.indexOf("----");
        int close = block.lastIndexOf("----");
        assertThat(close).as("a ---- listing between the %s markers", name).isGreaterThan(open).isPositive();
        return String.join("\n", block.subList(open + 1, close)) + "\n";
    }

    private static String normalized(String text) {
        return text.lines().map(String::stripTrailing).collect(Collectors.joining("\n")).strip();
    }
}
