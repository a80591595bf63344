package io.batchroutes.emulator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AutoScaleFormulaTest {
    private static final AutoScaleFormula.Inputs BUSY = new AutoScaleFormula.Inputs(7, 3, 10, 1, 2, 1, 2, 1);

    private static AutoScaleFormula.Outcome eval(String formula) throws Exception {
        return AutoScaleFormula.parse(formula).evaluate(BUSY);
    }

    @Test
    void theDocumentedPendingTasksSampleFormula() throws Exception {
        AutoScaleFormula.Outcome o = eval("""
                startingNumberOfVMs = 1;
                maxNumberofVMs = 25;
                pendingTaskSamplePercent = $PendingTasks.GetSamplePercent(180 * TimeInterval_Second);
                pendingTaskSamples = pendingTaskSamplePercent < 70 ? startingNumberOfVMs : avg($PendingTasks.GetSample(180 * TimeInterval_Second));
                $TargetDedicatedNodes = min(maxNumberofVMs, pendingTaskSamples);
                $NodeDeallocationOption = taskcompletion;
                """);
        assertThat(o.targetDedicated()).isEqualTo(10);
        assertThat(o.targetLowPriority()).as("not assigned: stays").isEqualTo(1);
        assertThat(o.deallocationOption()).isEqualTo("taskcompletion");
        assertThat(o.results()).startsWith("$TargetDedicatedNodes=10;$TargetLowPriorityNodes=1;"
                + "$NodeDeallocationOption=taskcompletion;startingNumberOfVMs=1;maxNumberofVMs=25");
    }

    @Test
    void precedenceLogicAndRounding() throws Exception {
        assertThat(eval("$TargetDedicatedNodes = 1 + 2 * 3 - 4 / 2;").targetDedicated()).isEqualTo(5);
        assertThat(eval("$TargetDedicatedNodes = (1 + 2) * 3 % 5;").targetDedicated()).isEqualTo(4);
        assertThat(eval("$TargetDedicatedNodes = 2.9;").targetDedicated()).isEqualTo(2);
        assertThat(eval("$TargetDedicatedNodes = -3;").targetDedicated()).isZero();
        assertThat(eval("$TargetDedicatedNodes = $RunningTasks.GetSample(1) >= 3 && !($ActiveTasks.Count() == 0) ? "
                + "$CurrentDedicatedNodes + $CurrentLowPriorityNodes : 9; // comment").targetDedicated()).isEqualTo(3);
        assertThat(eval("$TargetLowPriorityNodes = max(sum(1, 2), $SucceededTasks.GetSample(1), $FailedTasks.GetSample(1));")
                .targetLowPriority()).isEqualTo(10);
    }

    @Test
    void unsupportedOrMalformedFormulasAreSyntaxErrorsNamingTheProblem() {
        assertThatThrownBy(() -> AutoScaleFormula.parse("$TargetDedicatedNodes = $CPUPercent.GetSample(1);"))
                .hasMessageContaining("$CPUPercent");
        assertThatThrownBy(() -> AutoScaleFormula.parse("$TargetDedicatedNodes = time();"))
                .hasMessageContaining("time()");
        assertThatThrownBy(() -> AutoScaleFormula.parse("$PendingTasks = 1;")).hasMessageContaining("read-only");
        assertThatThrownBy(() -> AutoScaleFormula.parse("$TargetDedicatedNodes = (1 + 2;"))
                .hasMessageContaining("')'");
        assertThatThrownBy(() -> AutoScaleFormula.parse("$TargetDedicatedNodes == 1;")).hasMessageContaining("'='");
        assertThatThrownBy(() -> AutoScaleFormula.parse(" ")).hasMessageContaining("empty");
    }

    @Test
    void evaluationErrorsAreReportedNotThrownAsCrashes() throws Exception {
        AutoScaleFormula f = AutoScaleFormula.parse("$TargetDedicatedNodes = undefinedThing;");
        assertThatThrownBy(() -> f.evaluate(BUSY)).isInstanceOf(AutoScaleFormula.EvaluationError.class)
                .hasMessageContaining("undefinedThing");
        AutoScaleFormula g = AutoScaleFormula.parse("$NodeDeallocationOption = 3;");
        assertThatThrownBy(() -> g.evaluate(BUSY)).hasMessageContaining("$NodeDeallocationOption");
    }
}
