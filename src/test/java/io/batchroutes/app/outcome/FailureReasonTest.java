package io.batchroutes.app.outcome;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class FailureReasonTest {

    @Test
    void aTaskFailureKeepsTheEndOfStderr() {
        byte[] stderr = ("x".repeat(10_000) + "the real error").getBytes(StandardCharsets.UTF_8);
        FailureReason reason = FailureReason.taskFailed("f-1", 1, null, null, stderr);
        assertThat(reason.text()).startsWith("The task failed.\ntask: f-1\nexit code: 1\nend of stderr:\n")
                .endsWith("the real error\n");
        assertThat(reason.text().length()).isLessThan(FailureReason.STDERR_TAIL_BYTES + 100);
        assertThat(reason.summary()).isEqualTo("The task failed.");
    }

    @Test
    void everyKindReadsAlike() {
        assertThat(FailureReason.refused("f-1", "InvalidPropertyValue", "bad").text())
                .isEqualTo("Batch refused the task.\ntask: f-1\nerror: InvalidPropertyValue - bad\n");
        assertThat(FailureReason.notAccepted("f-1", new IllegalStateException("down")).text())
                .isEqualTo("The task could not be submitted.\ntask: f-1\nerror: IllegalStateException: down\n");
        assertThat(FailureReason.notAccepted("f-1", null).error()).isEqualTo("error: unknown");
        assertThat(FailureReason.stranded("The pool cannot run tasks.", "f-1").text())
                .isEqualTo("The pool cannot run tasks.\ntask: f-1 (never ran)\n");
    }

    @Test
    void aPoolFailureComesFirst() {
        FailureReason reason = FailureReason.taskFailed("f-1", 2, null, null, null);
        assertThat(reason.afterPoolFailure(null)).isEqualTo(reason);
        assertThat(reason.afterPoolFailure("Pool broken.").text()).startsWith("Pool broken.\n\nThe task failed.\n");
    }
}
