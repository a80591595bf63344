package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.AutoScaleRun;
import io.batchroutes.emulator.model.BatchError;
import io.batchroutes.emulator.model.CloudPool;
import io.batchroutes.emulator.model.ErrorMessage;
import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.model.PoolAutoScaleParameter;
import io.batchroutes.emulator.store.BatchStore;
import io.batchroutes.emulator.store.JobRecord;
import io.batchroutes.emulator.store.PoolRecord;
import io.batchroutes.emulator.store.TaskRecord;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool's autoscale: the formula evaluated when it is enabled and then every evaluation interval, its result
 * applied as the pool's targets.
 */
final class PoolAutoScale {
    private static final Logger LOG = LoggerFactory.getLogger(PoolAutoScale.class);
    static final Duration DEFAULT_EVALUATION_INTERVAL = Duration.ofMinutes(15);
    private static final Duration MAX_EVALUATION_INTERVAL = Duration.ofHours(168);

    private final ServiceContext ctx;
    private final Scheduler scheduler;
    private final PoolService pools;
    private final PoolSizing sizing;

    PoolAutoScale(ServiceContext ctx, Scheduler scheduler, PoolService pools, PoolSizing sizing) {
        this.ctx = ctx;
        this.scheduler = scheduler;
        this.pools = pools;
        this.sizing = sizing;
    }

    static AutoScaleFormula parseFormula(String text) {
        try {
            return AutoScaleFormula.parse(text);
        } catch (AutoScaleFormula.SyntaxError e) {
            throw BatchErrorCode.AUTOSCALE_FORMULA_SYNTAX_ERROR.exceptionWithMessage(e.getMessage());
        }
    }

    Duration evaluationInterval(String value) {
        Duration interval = value == null ? DEFAULT_EVALUATION_INTERVAL
                : Entities.duration(value, "autoScaleEvaluationInterval");
        if (interval.compareTo(ctx.autoScaleMinInterval()) < 0 || interval.compareTo(MAX_EVALUATION_INTERVAL) > 0) {
            throw BatchErrorCode.INVALID_PROPERTY_VALUE.exceptionWithMessage("autoScaleEvaluationInterval must be "
                    + "between " + ctx.autoScaleMinInterval() + " and " + MAX_EVALUATION_INTERVAL + ".",
                    "PropertyName", "autoScaleEvaluationInterval", "PropertyValue", value);
        }
        return interval;
    }

    /** Turns autoscale on (or changes its formula or interval) and evaluates the formula at once. */
    public void enableAutoScale(String poolId, PoolAutoScaleParameter parameter) {
        if (parameter == null) {
            throw BatchErrorCode.INVALID_REQUEST_BODY.exception();
        }
        PoolRecord r = pools.record(poolId);
        AutoScaleFormula.Inputs inputs = inputs(r);
        r.locked(() -> {
            requireNotDeleting(r);
            String text = parameter.autoScaleFormula != null ? parameter.autoScaleFormula : r.pool.autoScaleFormula;
            Entities.require(text, "autoScaleFormula");
            AutoScaleFormula formula = parseFormula(text);
            String interval = parameter.autoScaleEvaluationInterval != null ? parameter.autoScaleEvaluationInterval
                    : r.pool.autoScaleEvaluationInterval;
            r.pool.autoScaleEvaluationInterval = evaluationInterval(interval).toString();
            r.pool.autoScaleFormula = text;
            r.pool.enableAutoScale = true;
            touch(r.pool);
            applyAutoScale(r, formula, inputs);
        });
        LOG.info("pool {}: autoscale enabled, every {}", poolId, r.pool.autoScaleEvaluationInterval);
        scheduler.requestDispatch();
    }

    /** Turns autoscale off; the pool keeps the nodes it has. */
    public void disableAutoScale(String poolId) {
        PoolRecord r = pools.record(poolId);
        r.locked(() -> {
            requireNotDeleting(r);
            r.pool.enableAutoScale = false;
            r.pool.autoScaleFormula = null;
            r.pool.autoScaleEvaluationInterval = null;
            r.nextAutoScale = null;
            touch(r.pool);
        });
        LOG.info("pool {}: autoscale disabled", poolId);
    }

    /** Evaluates a formula against the pool without applying it; the pool must have autoscale enabled. */
    public AutoScaleRun evaluateAutoScale(String poolId, String formulaText) {
        Entities.require(formulaText, "autoScaleFormula");
        PoolRecord r = pools.record(poolId);
        AutoScaleFormula formula = parseFormula(formulaText);
        AutoScaleFormula.Inputs inputs = inputs(r);
        return r.locked(() -> {
            if (!Boolean.TRUE.equals(r.pool.enableAutoScale)) {
                throw BatchErrorCode.AUTOSCALE_NOT_ENABLED.exception("PoolId", r.pool.id);
            }
            return run(formula, inputs).run();
        });
    }

    /** Re-evaluates the formula of every autoscale pool whose evaluation interval has passed. */
    public void evaluateDueAutoScalePools() {
        Instant now = Entities.now();
        boolean evaluated = false;
        for (PoolRecord r : ctx.store().pools()) {
            boolean due = r.locked(() -> Boolean.TRUE.equals(r.pool.enableAutoScale)
                    && (r.nextAutoScale == null || !now.isBefore(r.nextAutoScale)) && !"deleting".equals(r.pool.state));
            if (!due) {
                continue;
            }
            evaluated = true;
            AutoScaleFormula.Inputs inputs = inputs(r);
            r.locked(() -> {
                if (Boolean.TRUE.equals(r.pool.enableAutoScale) && r.pool.autoScaleFormula != null) {
                    try {
                        applyAutoScale(r, AutoScaleFormula.parse(r.pool.autoScaleFormula), inputs);
                    } catch (AutoScaleFormula.SyntaxError e) {
                        LOG.warn("pool {}: saved autoscale formula no longer parses: {}", r.pool.id, e.getMessage());
                    }
                }
            });
        }
        if (evaluated) {
            scheduler.requestDispatch();
        }
    }

    private record Evaluation(AutoScaleRun run, AutoScaleFormula.Outcome outcome) {
    }

    private static Evaluation run(AutoScaleFormula formula, AutoScaleFormula.Inputs inputs) {
        AutoScaleRun run = new AutoScaleRun();
        run.timestamp = Entities.now();
        try {
            AutoScaleFormula.Outcome outcome = formula.evaluate(inputs);
            run.results = outcome.results();
            return new Evaluation(run, outcome);
        } catch (AutoScaleFormula.EvaluationError e) {
            run.error = new BatchError();
            run.error.code = "AutoScalingFormulaEvaluationError";
            run.error.message = new ErrorMessage();
            run.error.message.lang = "en-US";
            run.error.message.value = e.getMessage();
            return new Evaluation(run, null);
        }
    }

    /** Evaluates and applies a formula; the caller holds the pool's lock. */
    void applyAutoScale(PoolRecord r, AutoScaleFormula formula, AutoScaleFormula.Inputs inputs) {
        Evaluation e = run(formula, inputs);
        r.pool.autoScaleRun = Json.MAPPER.valueToTree(e.run());
        r.nextAutoScale = e.run().timestamp.plus(Duration.parse(r.pool.autoScaleEvaluationInterval));
        if (e.outcome() == null) {
            LOG.warn("pool {}: autoscale evaluation failed: {}", r.pool.id, e.run().error.message.value);
            return;
        }
        int dedicated = Math.min(e.outcome().targetDedicated(), PoolSizing.MAX_NODES);
        int low = Math.min(e.outcome().targetLowPriority(), PoolSizing.MAX_NODES - dedicated);
        if (dedicated != r.pool.targetDedicatedNodes || low != r.pool.targetLowPriorityNodes) {
            LOG.info("pool {}: autoscale sets {} dedicated + {} low-priority node(s)", r.pool.id, dedicated, low);
        }
        r.pool.targetDedicatedNodes = dedicated;
        r.pool.targetLowPriorityNodes = low;
        sizing.apply(r, e.outcome().deallocationOption());
    }

    /** The formula's view of the pool: tasks of the jobs on it, and its nodes. Takes no pool lock around job locks. */
    private AutoScaleFormula.Inputs inputs(PoolRecord r) {
        int[] tasks = new int[4];
        for (JobRecord job : ctx.store().jobs()) {
            job.locked(() -> {
                if (job.job.poolInfo == null || !BatchStore.key(r.pool.id).equals(BatchStore.key(job.job.poolInfo.poolId))) {
                    return;
                }
                for (TaskRecord t : job.tasks.values()) {
                    switch (t.task.state) {
                        case "active" -> tasks[0]++;
                        case "preparing", "running" -> tasks[1]++;
                        default -> tasks[t.task.executionInfo != null && "success".equals(t.task.executionInfo.result)
                                ? 2 : 3]++;
                    }
                }
            });
        }
        return r.locked(() -> new AutoScaleFormula.Inputs(tasks[0], tasks[1], tasks[2], tasks[3],
                r.pool.currentDedicatedNodes, r.pool.currentLowPriorityNodes, r.pool.targetDedicatedNodes,
                r.pool.targetLowPriorityNodes));
    }

    static void requireNotDeleting(PoolRecord r) {
        if ("deleting".equals(r.pool.state)) {
            throw BatchErrorCode.POOL_BEING_DELETED.exception();
        }
    }

    static void touch(CloudPool p) {
        p.lastModified = Entities.now();
        p.eTag = Entities.newETag();
    }
}
