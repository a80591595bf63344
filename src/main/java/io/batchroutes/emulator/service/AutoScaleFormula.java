package io.batchroutes.emulator.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates the subset of Batch's autoscale formula language the emulator supports. Hand-written because no library
 * implements this language; the subset is what the documented sample formulas use:
 * <ul>
 * <li>statements {@code name = expression;} assigning user variables or the settable {@code $TargetDedicatedNodes},
 * {@code $TargetLowPriorityNodes}, {@code $NodeDeallocationOption};</li>
 * <li>numbers, {@code + - * / %}, comparisons, {@code && || !}, the ternary {@code ?:}, parentheses;</li>
 * <li>the samples {@code $PendingTasks $ActiveTasks $RunningTasks $SucceededTasks $FailedTasks} with
 * {@code GetSample(...)}, {@code GetSamplePercent(...)} and {@code Count()} (the emulator keeps one sample, the
 * current value, so a sample window always holds it and the percent is 100);</li>
 * <li>the read-only {@code $CurrentDedicatedNodes $CurrentLowPriorityNodes};</li>
 * <li>functions {@code min max avg sum abs ceil floor round sqrt}; constants {@code TimeInterval_Second ..._Week}
 * (in seconds) and the deallocation options {@code requeue terminate taskcompletion retaineddata}.</li>
 * </ul>
 * Anything else (CPU, memory, disk and network samples, {@code time()}, {@code GetSamplePeriod}, ...) is a syntax
 * error that names the unsupported item.
 */
public final class AutoScaleFormula {
    /** What the formula can read about the pool right now. */
    public record Inputs(int activeTasks, int runningTasks, int succeededTasks, int failedTasks,
            int currentDedicated, int currentLowPriority, int targetDedicated, int targetLowPriority) {
    }

    /** The settable results, and every variable's final value in assignment order. */
    public record Outcome(int targetDedicated, int targetLowPriority, String deallocationOption,
            Map<String, Object> variables) {
        /** As the service reports it: {@code $TargetDedicatedNodes=1;$NodeDeallocationOption=requeue;x=2}. */
        public String results() {
            StringBuilder sb = new StringBuilder();
            sb.append("$TargetDedicatedNodes=").append(targetDedicated);
            sb.append(";$TargetLowPriorityNodes=").append(targetLowPriority);
            sb.append(";$NodeDeallocationOption=").append(deallocationOption);
            variables.forEach((name, value) -> {
                if (!name.startsWith("$")) {
                    sb.append(';').append(name).append('=').append(format(value));
                }
            });
            return sb.toString();
        }
    }

    /** The formula cannot be parsed or uses something the emulator does not support. */
    public static final class SyntaxError extends Exception {
        SyntaxError(String message) {
            super(message);
        }
    }

    /** The formula parsed but could not be evaluated (e.g. a vector where a number is needed). */
    public static final class EvaluationError extends Exception {
        EvaluationError(String message) {
            super(message);
        }
    }

    static final Set<String> SAMPLES = Set.of("$PendingTasks", "$ActiveTasks", "$RunningTasks",
            "$SucceededTasks", "$FailedTasks");
    static final Set<String> SETTABLE = Set.of("$TargetDedicatedNodes", "$TargetLowPriorityNodes",
            "$NodeDeallocationOption");
    static final Set<String> READ_ONLY = Set.of("$CurrentDedicatedNodes", "$CurrentLowPriorityNodes");
    static final Set<String> FUNCTIONS = Set.of("min", "max", "avg", "sum", "abs", "ceil", "floor", "round",
            "sqrt");
    static final Set<String> DEALLOCATION = Set.of("requeue", "terminate", "taskcompletion", "retaineddata");
    static final Map<String, Double> INTERVALS = Map.of("TimeInterval_Zero", 0.0,
            "TimeInterval_Second", 1.0, "TimeInterval_Minute", 60.0, "TimeInterval_Hour", 3600.0,
            "TimeInterval_Day", 86400.0, "TimeInterval_Week", 604800.0);
    static final int MAX_LENGTH = 8192;

    private final List<Statement> statements;

    private AutoScaleFormula(List<Statement> statements) {
        this.statements = statements;
    }

    /** Parses a formula; every unsupported variable or function is reported here, before any evaluation. */
    public static AutoScaleFormula parse(String text) throws SyntaxError {
        if (text == null || text.isBlank()) {
            throw new SyntaxError("The autoscale formula is empty.");
        }
        if (text.length() > MAX_LENGTH) {
            throw new SyntaxError("The autoscale formula is longer than " + MAX_LENGTH + " characters.");
        }
        return new AutoScaleFormula(new AutoScaleParser(text).statements());
    }

    public Outcome evaluate(Inputs in) throws EvaluationError {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("$TargetDedicatedNodes", (double) in.targetDedicated());
        vars.put("$TargetLowPriorityNodes", (double) in.targetLowPriority());
        vars.put("$NodeDeallocationOption", "requeue");
        Context ctx = new Context(in, vars);
        for (Statement s : statements) {
            vars.put(s.name, s.value.eval(ctx));
        }
        return new Outcome(nodeCount(vars.get("$TargetDedicatedNodes"), "$TargetDedicatedNodes"),
                nodeCount(vars.get("$TargetLowPriorityNodes"), "$TargetLowPriorityNodes"),
                deallocation(vars.get("$NodeDeallocationOption")), vars);
    }

    private static int nodeCount(Object value, String name) throws EvaluationError {
        double d = number(value, name);
        if (Double.isNaN(d) || d < 0) {
            return 0;
        }
        return (int) Math.min(Math.floor(d), Integer.MAX_VALUE);
    }

    private static String deallocation(Object value) throws EvaluationError {
        if (value instanceof String s && DEALLOCATION.contains(s)) {
            return s;
        }
        throw new EvaluationError("$NodeDeallocationOption must be one of " + DEALLOCATION + ", not " + format(value));
    }

    static double number(Object value, String what) throws EvaluationError {
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof double[] v && v.length == 1) {
            return v[0];
        }
        throw new EvaluationError(what + " needs a number, not " + format(value));
    }

    static String format(Object value) {
        if (value instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        if (value instanceof double[] v) {
            List<String> parts = new ArrayList<>();
            for (double d : v) {
                parts.add(format(d));
            }
            return "[" + String.join(",", parts) + "]";
        }
        return String.valueOf(value);
    }

    // ------------------------------------------------------------------ evaluation

    record Context(Inputs in, Map<String, Object> vars) {
        double sample(String name) {
            return switch (name) {
                case "$PendingTasks" -> in.activeTasks() + in.runningTasks();
                case "$ActiveTasks" -> in.activeTasks();
                case "$RunningTasks" -> in.runningTasks();
                case "$SucceededTasks" -> in.succeededTasks();
                case "$FailedTasks" -> in.failedTasks();
                default -> throw new IllegalStateException(name);
            };
        }
    }

    interface Expr {
        Object eval(Context ctx) throws EvaluationError;
    }

    record Statement(String name, Expr value) {
    }

    static Expr constant(Object value) {
        return ctx -> value;
    }

    static Expr variable(String name) {
        return ctx -> {
            if (SAMPLES.contains(name)) {
                return new double[] {ctx.sample(name)};
            }
            switch (name) {
                case "$CurrentDedicatedNodes" -> {
                    return (double) ctx.in().currentDedicated();
                }
                case "$CurrentLowPriorityNodes" -> {
                    return (double) ctx.in().currentLowPriority();
                }
                default -> {
                    Object v = ctx.vars().get(name);
                    if (v == null) {
                        throw new EvaluationError("The variable " + name + " is used before it is assigned.");
                    }
                    return v;
                }
            }
        };
    }

    static Expr sampleMethod(String sample, String method, List<Expr> args) {
        return ctx -> {
            for (Expr a : args) {
                number(a.eval(ctx), sample + "." + method + " argument");
            }
            double value = ctx.sample(sample);
            return switch (method) {
                case "GetSample" -> new double[] {value};
                case "GetSamplePercent" -> 100.0;
                case "Count" -> 1.0;
                default -> throw new IllegalStateException(method);
            };
        };
    }

    static Expr function(String name, List<Expr> args) {
        return ctx -> {
            List<Double> values = new ArrayList<>();
            for (Expr a : args) {
                Object v = a.eval(ctx);
                if (v instanceof double[] vector) {
                    for (double d : vector) {
                        values.add(d);
                    }
                } else {
                    values.add(number(v, name + "()"));
                }
            }
            if (values.isEmpty()) {
                throw new EvaluationError(name + "() needs at least one value.");
            }
            double first = values.get(0);
            return switch (name) {
                case "min" -> values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
                case "max" -> values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
                case "avg" -> values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
                case "sum" -> values.stream().mapToDouble(Double::doubleValue).sum();
                case "abs" -> Math.abs(first);
                case "ceil" -> Math.ceil(first);
                case "floor" -> Math.floor(first);
                case "round" -> (double) Math.round(first);
                case "sqrt" -> Math.sqrt(first);
                default -> throw new IllegalStateException(name);
            };
        };
    }

    static Expr binary(String op, Expr left, Expr right) {
        return ctx -> {
            if (op.equals("&&")) {
                return truth(left.eval(ctx), op) && truth(right.eval(ctx), op) ? 1.0 : 0.0;
            }
            if (op.equals("||")) {
                return truth(left.eval(ctx), op) || truth(right.eval(ctx), op) ? 1.0 : 0.0;
            }
            Object l = left.eval(ctx);
            Object r = right.eval(ctx);
            if ((op.equals("==") || op.equals("!=")) && l instanceof String ls && r instanceof String rs) {
                return ls.equals(rs) == op.equals("==") ? 1.0 : 0.0;
            }
            double a = number(l, "'" + op + "'");
            double b = number(r, "'" + op + "'");
            return switch (op) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                case "/" -> a / b;
                case "%" -> a % b;
                case "<" -> a < b ? 1.0 : 0.0;
                case "<=" -> a <= b ? 1.0 : 0.0;
                case ">" -> a > b ? 1.0 : 0.0;
                case ">=" -> a >= b ? 1.0 : 0.0;
                case "==" -> a == b ? 1.0 : 0.0;
                case "!=" -> a != b ? 1.0 : 0.0;
                default -> throw new IllegalStateException(op);
            };
        };
    }

    static boolean truth(Object value, String op) throws EvaluationError {
        return number(value, "'" + op + "'") != 0.0;
    }
}
