package io.batchroutes.emulator.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads a property path such as {@code executionInfo/result} straight from a wire model's public fields and gives
 * its value as JSON, the way it would appear in the serialized entity. Lets a list be filtered without serializing
 * every entity first (a job can hold 100,000 tasks).
 */
public final class ModelProperties {
    private static final ClassValue<Map<String, Field>> FIELDS = new ClassValue<>() {
        @Override
        protected Map<String, Field> computeValue(Class<?> type) {
            Map<String, Field> fields = new HashMap<>();
            for (Field f : type.getFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    fields.put(f.getName(), f);
                }
            }
            return fields;
        }
    };

    private ModelProperties() {
    }

    /** A lookup over {@code model}: path → JSON value, or null when absent. */
    public static Function<String, JsonNode> of(Object model) {
        return path -> at(model, path);
    }

    static JsonNode at(Object model, String path) {
        Object current = model;
        int start = 0;
        while (current != null) {
            int slash = path.indexOf('/', start);
            String name = slash < 0 ? path.substring(start) : path.substring(start, slash);
            if (current instanceof JsonNode node) {
                current = node.get(name);
            } else {
                Field field = FIELDS.get(current.getClass()).get(name);
                if (field == null) {
                    return null;
                }
                try {
                    current = field.get(current);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (slash < 0) {
                break;
            }
            start = slash + 1;
        }
        if (current == null) {
            return null;
        }
        JsonNode value;
        if (current instanceof JsonNode node) {
            value = node;
        } else if (current instanceof String text) {
            value = TextNode.valueOf(text);
        } else if (current instanceof Integer number) {
            value = IntNode.valueOf(number);
        } else if (current instanceof Boolean flag) {
            value = BooleanNode.valueOf(flag);
        } else {
            value = Json.MAPPER.valueToTree(current);
        }
        return value.isNull() ? null : value;
    }
}
