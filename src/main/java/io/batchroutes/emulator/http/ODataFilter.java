package io.batchroutes.emulator.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The {@code $filter} subset the Batch service accepts: {@code prop op literal} with {@code eq ne gt ge lt le},
 * {@code and}/{@code or}, parentheses, {@code startswith(prop,'x')}; literals are quoted strings, numbers, booleans
 * and {@code DateTime'...'} (ISO-8601 or RFC 1123). Property names are case-sensitive paths such as
 * {@code executionInfo/result}; string comparisons ignore case, as the service's do. Evaluated on the JSON of an
 * entity.
 */
public final class ODataFilter {
    /** Thrown for a filter that does not parse or names a property that cannot be filtered on. */
    public static final class InvalidFilterException extends RuntimeException {
        InvalidFilterException(String message) {
            super(message, null, false, false);
        }
    }

    private enum T { IDENT, STRING, NUMBER, DATETIME, LPAREN, RPAREN, COMMA, END }

    private record Token(T type, String text) {
    }

    private final List<Token> tokens;
    private final Set<String> properties;
    private int pos;

    /** Parentheses nested deeper are refused (the parser and the test recurse once per level). */
    static final int MAX_DEPTH = 32;
    private int depth;

    private ODataFilter(List<Token> tokens, Set<String> properties) {
        this.tokens = tokens;
        this.properties = properties;
    }

    /** Parses {@code filter} into a test of JSON entities; {@code properties} are the names that may be used. */
    public static Predicate<JsonNode> parse(String filter, Set<String> properties) {
        Predicate<Function<String, JsonNode>> test = parseLookup(filter, properties);
        return json -> test.test(path -> at(json, path));
    }

    /**
     * Parses {@code filter} into a test of anything that can answer a property path ({@code executionInfo/result})
     * with its JSON value or null, so stored entities can be filtered without turning each into JSON first.
     */
    public static Predicate<Function<String, JsonNode>> parseLookup(String filter, Set<String> properties) {
        ODataFilter p = new ODataFilter(tokenize(filter), properties);
        Predicate<Function<String, JsonNode>> result = p.orExpr();
        if (p.peek().type != T.END) {
            throw new InvalidFilterException("Unexpected '" + p.peek().text + "'");
        }
        return result;
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                out.add(new Token(T.LPAREN, "("));
                i++;
            } else if (c == ')') {
                out.add(new Token(T.RPAREN, ")"));
                i++;
            } else if (c == ',') {
                out.add(new Token(T.COMMA, ","));
                i++;
            } else if (c == '\'') {
                StringBuilder sb = new StringBuilder();
                i = readString(s, i, sb);
                out.add(new Token(T.STRING, sb.toString()));
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < s.length() && Character.isDigit(s.charAt(i + 1)))) {
                int start = i++;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(T.NUMBER, s.substring(start, i)));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_'
                        || s.charAt(i) == '/' || s.charAt(i) == '.')) {
                    i++;
                }
                String word = s.substring(start, i);
                if (word.equalsIgnoreCase("datetime") && i < s.length() && s.charAt(i) == '\'') {
                    StringBuilder sb = new StringBuilder();
                    i = readString(s, i, sb);
                    out.add(new Token(T.DATETIME, sb.toString()));
                } else {
                    out.add(new Token(T.IDENT, word));
                }
            } else {
                throw new InvalidFilterException("Unexpected character '" + c + "' at position " + i);
            }
        }
        out.add(new Token(T.END, "end of filter"));
        return out;
    }

    private static int readString(String s, int quote, StringBuilder sb) {
        int i = quote + 1;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
                    sb.append('\'');
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            sb.append(c);
            i++;
        }
        throw new InvalidFilterException("Unterminated string literal");
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        return tokens.get(pos++);
    }

    private boolean keyword(String word) {
        if (peek().type == T.IDENT && peek().text.equals(word)) {
            pos++;
            return true;
        }
        return false;
    }

    // A chain of or/and is one list tested in a loop, not nested Predicate.or/and calls: a long chain must not
    // nest as deep as it is long when it is tested.
    private Predicate<Function<String, JsonNode>> orExpr() {
        List<Predicate<Function<String, JsonNode>>> terms = new ArrayList<>(List.of(andExpr()));
        while (keyword("or")) {
            terms.add(andExpr());
        }
        return terms.size() == 1 ? terms.get(0) : node -> {
            for (Predicate<Function<String, JsonNode>> term : terms) {
                if (term.test(node)) {
                    return true;
                }
            }
            return false;
        };
    }

    private Predicate<Function<String, JsonNode>> andExpr() {
        List<Predicate<Function<String, JsonNode>>> terms = new ArrayList<>(List.of(primary()));
        while (keyword("and")) {
            terms.add(primary());
        }
        return terms.size() == 1 ? terms.get(0) : node -> {
            for (Predicate<Function<String, JsonNode>> term : terms) {
                if (!term.test(node)) {
                    return false;
                }
            }
            return true;
        };
    }

    private Predicate<Function<String, JsonNode>> primary() {
        Token t = next();
        if (t.type == T.LPAREN) {
            if (++depth > MAX_DEPTH) {
                throw new InvalidFilterException("The filter nests parentheses more than " + MAX_DEPTH + " deep");
            }
            Predicate<Function<String, JsonNode>> inner = orExpr();
            expect(T.RPAREN);
            depth--;
            return inner;
        }
        if (t.type != T.IDENT) {
            throw new InvalidFilterException("Expected a property name, found '" + t.text + "'");
        }
        if (t.text.equals("startswith") && peek().type == T.LPAREN) {
            next();
            String prop = property(next());
            expect(T.COMMA);
            Token lit = next();
            if (lit.type != T.STRING) {
                throw new InvalidFilterException("startswith needs a string literal");
            }
            expect(T.RPAREN);
            String prefix = lit.text.toLowerCase(Locale.ROOT);
            return node -> {
                JsonNode v = node.apply(prop);
                return v != null && v.isValueNode() && v.asText().toLowerCase(Locale.ROOT).startsWith(prefix);
            };
        }
        String prop = property(t);
        Token op = next();
        if (op.type != T.IDENT || !List.of("eq", "ne", "gt", "ge", "lt", "le").contains(op.text)) {
            throw new InvalidFilterException("Expected an operator (eq ne gt ge lt le), found '" + op.text + "'");
        }
        Token lit = next();
        return comparison(prop, op.text, lit);
    }

    private void expect(T type) {
        Token t = next();
        if (t.type != type) {
            throw new InvalidFilterException("Expected " + type + ", found '" + t.text + "'");
        }
    }

    private String property(Token t) {
        if (t.type != T.IDENT) {
            throw new InvalidFilterException("Expected a property name, found '" + t.text + "'");
        }
        if (!properties.contains(t.text)) {
            throw new InvalidFilterException("The property '" + t.text + "' cannot be used in a filter here");
        }
        return t.text;
    }

    static JsonNode at(JsonNode node, String path) {
        JsonNode cur = node;
        for (String part : path.split("/")) {
            if (cur == null) {
                return null;
            }
            cur = cur.get(part);
        }
        return cur == null || cur.isNull() ? null : cur;
    }

    private Predicate<Function<String, JsonNode>> comparison(String prop, String op, Token lit) {
        switch (lit.type) {
            case STRING -> {
                String value = lit.text;
                return node -> {
                    JsonNode v = node.apply(prop);
                    if (v == null) {
                        return op.equals("ne");
                    }
                    return test(op, v.asText().compareToIgnoreCase(value));
                };
            }
            case NUMBER -> {
                double value;
                try {
                    value = Double.parseDouble(lit.text);
                } catch (NumberFormatException e) {
                    throw new InvalidFilterException("Invalid number " + lit.text);
                }
                return node -> {
                    JsonNode v = node.apply(prop);
                    if (v == null) {
                        return op.equals("ne");
                    }
                    try {
                        return test(op, Double.compare(Double.parseDouble(v.asText()), value));
                    } catch (NumberFormatException e) {
                        return false;
                    }
                };
            }
            case DATETIME -> {
                Instant value = instant(lit.text);
                if (value == null) {
                    throw new InvalidFilterException("Invalid DateTime literal '" + lit.text + "'");
                }
                return node -> {
                    JsonNode v = node.apply(prop);
                    Instant actual = v == null ? null : instant(v.asText());
                    if (actual == null) {
                        return op.equals("ne");
                    }
                    return test(op, actual.compareTo(value));
                };
            }
            case IDENT -> {
                if (lit.text.equals("true") || lit.text.equals("false")) {
                    boolean value = Boolean.parseBoolean(lit.text);
                    return node -> {
                        JsonNode v = node.apply(prop);
                        if (v == null) {
                            return op.equals("ne");
                        }
                        return test(op, Boolean.compare(v.asBoolean(), value));
                    };
                }
                if (lit.text.equals("null")) {
                    return node -> (node.apply(prop) == null) == op.equals("eq");
                }
                throw new InvalidFilterException("Expected a literal, found '" + lit.text + "'");
            }
            default -> throw new InvalidFilterException("Expected a literal, found '" + lit.text + "'");
        }
    }

    private static boolean test(String op, int cmp) {
        return switch (op) {
            case "eq" -> cmp == 0;
            case "ne" -> cmp != 0;
            case "gt" -> cmp > 0;
            case "ge" -> cmp >= 0;
            case "lt" -> cmp < 0;
            default -> cmp <= 0;
        };
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }
}
