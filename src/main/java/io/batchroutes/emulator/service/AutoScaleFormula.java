package io.batchroutes.emulator.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

    private static final Set<String> SAMPLES = Set.of("$PendingTasks", "$ActiveTasks", "$RunningTasks",
            "$SucceededTasks", "$FailedTasks");
    private static final Set<String> SETTABLE = Set.of("$TargetDedicatedNodes", "$TargetLowPriorityNodes",
            "$NodeDeallocationOption");
    private static final Set<String> READ_ONLY = Set.of("$CurrentDedicatedNodes", "$CurrentLowPriorityNodes");
    private static final Set<String> FUNCTIONS = Set.of("min", "max", "avg", "sum", "abs", "ceil", "floor", "round",
            "sqrt");
    private static final Set<String> DEALLOCATION = Set.of("requeue", "terminate", "taskcompletion", "retaineddata");
    private static final Map<String, Double> INTERVALS = Map.of("TimeInterval_Zero", 0.0,
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
        return new AutoScaleFormula(new Parser(text).statements());
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

    private static double number(Object value, String what) throws EvaluationError {
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

    private record Context(Inputs in, Map<String, Object> vars) {
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

    private interface Expr {
        Object eval(Context ctx) throws EvaluationError;
    }

    private record Statement(String name, Expr value) {
    }

    private static Expr constant(Object value) {
        return ctx -> value;
    }

    private static Expr variable(String name) {
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

    private static Expr sampleMethod(String sample, String method, List<Expr> args) {
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

    private static Expr function(String name, List<Expr> args) {
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

    private static Expr binary(String op, Expr left, Expr right) {
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

    private static boolean truth(Object value, String op) throws EvaluationError {
        return number(value, "'" + op + "'") != 0.0;
    }

    // ------------------------------------------------------------------ parsing

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        List<Statement> statements() throws SyntaxError {
            List<Statement> list = new ArrayList<>();
            while (true) {
                skipSpace();
                if (pos >= text.length()) {
                    return list;
                }
                if (accept(";")) {
                    continue;
                }
                list.add(statement());
                skipSpace();
                if (pos < text.length() && !accept(";")) {
                    throw error("expected ';'");
                }
            }
        }

        private Statement statement() throws SyntaxError {
            String name = identifier();
            if (name == null) {
                throw error("expected a variable name");
            }
            if (name.startsWith("$") && !SETTABLE.contains(name)) {
                throw error(SAMPLES.contains(name) || READ_ONLY.contains(name)
                        ? name + " is read-only" : "the emulator does not support the variable " + name);
            }
            skipSpace();
            if (!accept("=") || peek("=")) {
                throw error("expected '=' after " + name);
            }
            return new Statement(name, expression());
        }

        private Expr expression() throws SyntaxError {
            Expr condition = binaryLevel(0);
            skipSpace();
            if (accept("?")) {
                Expr whenTrue = expression();
                skipSpace();
                if (!accept(":")) {
                    throw error("expected ':' in a conditional expression");
                }
                Expr whenFalse = expression();
                return ctx -> truth(condition.eval(ctx), "?:") ? whenTrue.eval(ctx) : whenFalse.eval(ctx);
            }
            return condition;
        }

        private static final List<List<String>> LEVELS = List.of(List.of("||"), List.of("&&"),
                List.of("==", "!=", "<=", ">=", "<", ">"), List.of("+", "-"), List.of("*", "/", "%"));

        private Expr binaryLevel(int level) throws SyntaxError {
            if (level == LEVELS.size()) {
                return unary();
            }
            Expr left = binaryLevel(level + 1);
            while (true) {
                skipSpace();
                String op = null;
                for (String candidate : LEVELS.get(level)) {
                    if (text.startsWith(candidate, pos)) {
                        op = candidate;
                        break;
                    }
                }
                if (op == null) {
                    return left;
                }
                pos += op.length();
                left = binary(op, left, binaryLevel(level + 1));
            }
        }

        private Expr unary() throws SyntaxError {
            skipSpace();
            if (accept("-")) {
                Expr operand = unary();
                return ctx -> -number(operand.eval(ctx), "'-'");
            }
            if (accept("!")) {
                Expr operand = unary();
                return ctx -> truth(operand.eval(ctx), "'!'") ? 0.0 : 1.0;
            }
            if (accept("+")) {
                return unary();
            }
            return primary();
        }

        private Expr primary() throws SyntaxError {
            skipSpace();
            if (accept("(")) {
                Expr inner = expression();
                skipSpace();
                if (!accept(")")) {
                    throw error("expected ')'");
                }
                return inner;
            }
            if (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                return constant(numberLiteral());
            }
            String name = identifier();
            if (name == null) {
                throw error("expected a value");
            }
            skipSpace();
            if (name.startsWith("$")) {
                if (accept(".")) {
                    String method = identifier();
                    if (!SAMPLES.contains(name)) {
                        throw error("the emulator does not support " + name + "." + method);
                    }
                    if (!List.of("GetSample", "GetSamplePercent", "Count").contains(method)) {
                        throw error("the emulator does not support the sample method " + method);
                    }
                    return sampleMethod(name, method, arguments());
                }
                if (!SAMPLES.contains(name) && !SETTABLE.contains(name) && !READ_ONLY.contains(name)) {
                    throw error("the emulator does not support the variable " + name);
                }
                return variable(name);
            }
            if (peek("(")) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (!FUNCTIONS.contains(lower)) {
                    throw error("the emulator does not support the function " + name + "()");
                }
                return function(lower, arguments());
            }
            if (INTERVALS.containsKey(name)) {
                return constant(INTERVALS.get(name));
            }
            if (DEALLOCATION.contains(name.toLowerCase(Locale.ROOT))) {
                return constant(name.toLowerCase(Locale.ROOT));
            }
            return variable(name);
        }

        private List<Expr> arguments() throws SyntaxError {
            skipSpace();
            if (!accept("(")) {
                throw error("expected '('");
            }
            List<Expr> args = new ArrayList<>();
            skipSpace();
            if (accept(")")) {
                return args;
            }
            while (true) {
                args.add(expression());
                skipSpace();
                if (accept(")")) {
                    return args;
                }
                if (!accept(",")) {
                    throw error("expected ',' or ')'");
                }
            }
        }

        private double numberLiteral() throws SyntaxError {
            int start = pos;
            while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            try {
                return Double.parseDouble(text.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("bad number " + text.substring(start, pos));
            }
        }

        private String identifier() {
            skipSpace();
            int start = pos;
            if (pos < text.length() && text.charAt(pos) == '$') {
                pos++;
            }
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            if (pos == start || (pos == start + 1 && text.charAt(start) == '$')
                    || Character.isDigit(text.charAt(start))) {
                pos = start;
                return null;
            }
            return text.substring(start, pos);
        }

        private boolean accept(String token) {
            if (text.startsWith(token, pos)) {
                pos += token.length();
                return true;
            }
            return false;
        }

        private boolean peek(String token) {
            return text.startsWith(token, pos);
        }

        private void skipSpace() {
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (text.startsWith("//", pos)) {
                    while (pos < text.length() && text.charAt(pos) != '\n') {
                        pos++;
                    }
                } else {
                    return;
                }
            }
        }

        private SyntaxError error(String what) {
            return new SyntaxError("Autoscale formula, at character " + (pos + 1) + ": " + what + ".");
        }
    }
}
