package io.batchroutes.emulator.service;

import io.batchroutes.emulator.service.AutoScaleFormula.Expr;
import io.batchroutes.emulator.service.AutoScaleFormula.Statement;
import io.batchroutes.emulator.service.AutoScaleFormula.SyntaxError;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The parser of {@link AutoScaleFormula}: statements, expressions and the supported names, checked as it reads. */
final class AutoScaleParser {
    private final String text;
    private int pos;

    AutoScaleParser(String text) {
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
        if (name.startsWith("$") && !AutoScaleFormula.SETTABLE.contains(name)) {
            throw error(AutoScaleFormula.SAMPLES.contains(name) || AutoScaleFormula.READ_ONLY.contains(name)
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
            return ctx -> AutoScaleFormula.truth(condition.eval(ctx), "?:") ? whenTrue.eval(ctx) : whenFalse.eval(ctx);
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
            left = AutoScaleFormula.binary(op, left, binaryLevel(level + 1));
        }
    }

    private Expr unary() throws SyntaxError {
        skipSpace();
        if (accept("-")) {
            Expr operand = unary();
            return ctx -> -AutoScaleFormula.number(operand.eval(ctx), "'-'");
        }
        if (accept("!")) {
            Expr operand = unary();
            return ctx -> AutoScaleFormula.truth(operand.eval(ctx), "'!'") ? 0.0 : 1.0;
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
            return AutoScaleFormula.constant(numberLiteral());
        }
        String name = identifier();
        if (name == null) {
            throw error("expected a value");
        }
        skipSpace();
        if (name.startsWith("$")) {
            if (accept(".")) {
                String method = identifier();
                if (!AutoScaleFormula.SAMPLES.contains(name)) {
                    throw error("the emulator does not support " + name + "." + method);
                }
                if (!List.of("GetSample", "GetSamplePercent", "Count").contains(method)) {
                    throw error("the emulator does not support the sample method " + method);
                }
                return AutoScaleFormula.sampleMethod(name, method, arguments());
            }
            if (!AutoScaleFormula.SAMPLES.contains(name) && !AutoScaleFormula.SETTABLE.contains(name) && !AutoScaleFormula.READ_ONLY.contains(name)) {
                throw error("the emulator does not support the variable " + name);
            }
            return AutoScaleFormula.variable(name);
        }
        if (peek("(")) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!AutoScaleFormula.FUNCTIONS.contains(lower)) {
                throw error("the emulator does not support the function " + name + "()");
            }
            return AutoScaleFormula.function(lower, arguments());
        }
        if (AutoScaleFormula.INTERVALS.containsKey(name)) {
            return AutoScaleFormula.constant(AutoScaleFormula.INTERVALS.get(name));
        }
        if (AutoScaleFormula.DEALLOCATION.contains(name.toLowerCase(Locale.ROOT))) {
            return AutoScaleFormula.constant(name.toLowerCase(Locale.ROOT));
        }
        return AutoScaleFormula.variable(name);
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
