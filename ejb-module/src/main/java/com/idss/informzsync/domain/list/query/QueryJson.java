package com.idss.informzsync.domain.list.query;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored form of a saved query: versioned JSON, so that the shape can evolve without a
 * schema change and an old row is still recognisable.
 *
 * <pre>{@code
 * {"v":1,"match":"ALL","criteria":[
 *   {"field":"ACCOUNT_TYPE","op":"IN","values":["HOTEL","VENUE"]},
 *   {"match":"ANY","criteria":[
 *     {"field":"STATE","op":"EQUALS","value":"FL"},
 *     {"field":"CREATED_DATE","op":"RANGE","from":"2024-01-01","to":null}]}]}
 * }</pre>
 */
public final class QueryJson {

    /** Looked up once: {@code Json.create…} asks the service loader on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    public static final int CURRENT_VERSION = 1;

    private QueryJson() {
    }

    public static String write(CriteriaGroup root) {
        return groupJson(root).add("v", CURRENT_VERSION).build().toString();
    }

    /** @throws InvalidQueryException when the text is not a saved query this version understands */
    public static CriteriaGroup read(String json) {
        if (json == null || json.isBlank()) {
            throw new InvalidQueryException("empty saved query");
        }
        try (JsonReader reader = JSON.createReader(new StringReader(json))) {
            JsonObject root = reader.readObject();
            JsonValue version = root.get("v");
            if (version == null || version.getValueType() != JsonValue.ValueType.NUMBER
                    || root.getJsonNumber("v").intValue() != CURRENT_VERSION) {
                throw new InvalidQueryException("unsupported saved-query version " + version);
            }
            if (!root.containsKey("criteria")) {
                throw new InvalidQueryException("a saved query is a group with 'match' and 'criteria'");
            }
            return readGroup(root, 1);
        } catch (JsonException | ClassCastException | IllegalArgumentException e) {
            if (e instanceof InvalidQueryException invalid) {
                throw invalid;
            }
            throw new InvalidQueryException("saved query is not valid: " + e.getMessage(), e);
        }
    }

    private static QueryNode readNode(JsonObject object, int depth) {
        return object.containsKey("criteria") ? readGroup(object, depth) : readCriterion(object);
    }

    private static CriteriaGroup readGroup(JsonObject object, int depth) {
        if (depth > CriteriaGroup.MAX_DEPTH) {
            throw new InvalidQueryException("groups may nest at most " + CriteriaGroup.MAX_DEPTH + " deep");
        }
        Match match = Match.valueOf(object.getString("match"));
        List<QueryNode> children = new ArrayList<>();
        for (JsonValue child : object.getJsonArray("criteria")) {
            children.add(readNode(child.asJsonObject(), depth + 1));
        }
        return new CriteriaGroup(match, children);
    }

    private static Criterion readCriterion(JsonObject object) {
        ContactField field = ContactField.valueOf(object.getString("field"));
        Operator operator = Operator.valueOf(object.getString("op"));
        List<String> values = switch (operator) {
            case EQUALS, CONTAINS -> listOf(text(object, "value"));
            case IN -> {
                List<String> in = new ArrayList<>();
                for (JsonValue value : object.getJsonArray("values")) {
                    in.add(((JsonString) value).getString());
                }
                yield in;
            }
            case RANGE -> listOf(text(object, "from"), text(object, "to"));
        };
        return new Criterion(field, operator, values);
    }

    private static String text(JsonObject object, String name) {
        JsonValue value = object.get(name);
        if (value == null || value == JsonValue.NULL) {
            return null;
        }
        return ((JsonString) value).getString();
    }

    private static List<String> listOf(String... values) {
        List<String> list = new ArrayList<>(values.length);
        for (String value : values) {
            list.add(value);
        }
        return list;
    }

    private static JsonObjectBuilder groupJson(CriteriaGroup group) {
        JsonArrayBuilder children = JSON.createArrayBuilder();
        for (QueryNode child : group.children()) {
            children.add(child instanceof CriteriaGroup nested ? groupJson(nested) : criterionJson((Criterion) child));
        }
        return JSON.createObjectBuilder().add("match", group.match().name()).add("criteria", children);
    }

    private static JsonObjectBuilder criterionJson(Criterion criterion) {
        JsonObjectBuilder json = JSON.createObjectBuilder()
                .add("field", criterion.field().name())
                .add("op", criterion.operator().name());
        switch (criterion.operator()) {
            case EQUALS, CONTAINS -> json.add("value", criterion.value());
            case IN -> {
                JsonArrayBuilder values = JSON.createArrayBuilder();
                criterion.values().forEach(values::add);
                json.add("values", values);
            }
            case RANGE -> {
                addNullable(json, "from", criterion.from());
                addNullable(json, "to", criterion.to());
            }
        }
        return json;
    }

    private static void addNullable(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }
}
