package com.idss.informzsync.application.inbox;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the fields of one JSON object the way the JSON Schemas describe them, collecting every
 * problem instead of stopping at the first, so a sender learns all it must fix from one reply.
 * A getter returns {@code null} when the field is absent, JSON null, or wrong (and then records why).
 */
final class JsonFields {

    private final JsonObject object;
    private final String path;
    private final List<String> errors;

    JsonFields(JsonObject object, String path, List<String> errors) {
        this.object = object;
        this.path = path;
        this.errors = errors;
    }

    boolean has(String name) {
        return object.containsKey(name);
    }

    private String label(String name) {
        return "'" + path + name + "'";
    }

    private void fail(String name, String problem) {
        errors.add(label(name) + " " + problem);
    }

    String requiredString(String name, int maxLength, Pattern pattern, String patternWords) {
        if (!object.containsKey(name) || object.isNull(name)) {
            fail(name, "is required");
            return null;
        }
        return optionalString(name, maxLength, pattern, patternWords);
    }

    String optionalString(String name, int maxLength) {
        return optionalString(name, maxLength, null, null);
    }

    /** Absent or null gives null; strings are taken as sent (no trimming: the schema has no such rule). */
    String optionalString(String name, int maxLength, Pattern pattern, String patternWords) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonString string)) {
            fail(name, "must be a string, got " + typeOf(value));
            return null;
        }
        String text = string.getString();
        int length = text.codePointCount(0, text.length());
        if (length > maxLength) {
            fail(name, "must be at most " + maxLength + " characters, got " + length);
            return null;
        }
        if (pattern != null && !pattern.matcher(text).matches()) {
            fail(name, "must be " + patternWords);
            return null;
        }
        return text;
    }

    Long requiredInteger(String name, long min, long max) {
        if (!object.containsKey(name) || object.isNull(name)) {
            fail(name, "is required");
            return null;
        }
        return optionalInteger(name, min, max);
    }

    Long optionalInteger(String name, long min, long max) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonNumber number)) {
            fail(name, "must be an integer, got " + typeOf(value));
            return null;
        }
        BigDecimal decimal = number.bigDecimalValue();
        // JSON Schema's "integer" accepts 7.0 as well as 7.
        if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
            fail(name, "must be an integer, got " + decimal.toPlainString());
            return null;
        }
        if (decimal.compareTo(BigDecimal.valueOf(min)) < 0 || decimal.compareTo(BigDecimal.valueOf(max)) > 0) {
            fail(name, "must be between " + min + " and " + max + ", got " + decimal.toPlainString());
            return null;
        }
        return decimal.longValueExact();
    }

    JsonObject requiredObject(String name) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            fail(name, "is required");
            return null;
        }
        if (!(value instanceof JsonObject nested)) {
            fail(name, "must be an object, got " + typeOf(value));
            return null;
        }
        return nested;
    }

    /** An optional array of strings; each element is checked with {@code elementRule}, which returns a problem or null. */
    List<String> optionalStringArray(String name, int maxItems, java.util.function.Function<String, String> elementRule) {
        JsonValue value = object.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        if (!(value instanceof JsonArray array)) {
            fail(name, "must be an array, got " + typeOf(value));
            return null;
        }
        if (array.size() > maxItems) {
            fail(name, "must have at most " + maxItems + " items, got " + array.size());
            return null;
        }
        List<String> items = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < array.size(); i++) {
            JsonValue element = array.get(i);
            if (!(element instanceof JsonString string)) {
                errors.add(label(name) + "[" + i + "] must be a string, got " + typeOf(element));
                ok = false;
                continue;
            }
            String problem = elementRule.apply(string.getString());
            if (problem != null) {
                errors.add(label(name) + "[" + i + "] " + problem);
                ok = false;
                continue;
            }
            items.add(string.getString());
        }
        return ok ? items : null;
    }

    /** JSON Schema {@code additionalProperties: false}: a misspelt optional field must not pass unnoticed. */
    void allowOnly(Set<String> names) {
        object.keySet().stream()
                .filter(key -> !names.contains(key))
                .sorted()
                .forEach(key -> errors.add(label(key) + " is not a field of this message"));
    }

    /** The raw value when it is a string, whatever else is wrong: for the rejection's envelope echo. */
    static String rawString(JsonObject object, String name) {
        JsonValue value = object.get(name);
        return value instanceof JsonString string ? string.getString() : null;
    }

    static String typeOf(JsonValue value) {
        return switch (value.getValueType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case TRUE, FALSE -> "a boolean";
            case NULL -> "null";
        };
    }
}
