package org.seqvault.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;

/** Reads the fields of Seven Bridges request bodies strictly: a wrong type is a 400 naming the field. */
final class SbBodies {
    private SbBodies() {
    }

    /** A string field; null when absent or null. */
    static String text(JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw UserException.invalid("'" + field + "' must be a string");
        }
        return v.textValue();
    }

    /** A whole-number field; null when absent or null. */
    static Long number(JsonNode body, String field, Problem problem) {
        JsonNode v = body.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new UserException(problem, "'" + field + "' must be a whole number");
        }
        return v.longValue();
    }

    /** The body itself, which must be a JSON object ({@code null} and no body read as empty). */
    static JsonNode object(JsonNode body) {
        if (body.isNull() || body.isMissingNode()) {
            return JsonNodeFactory.instance.objectNode();
        }
        if (!body.isObject()) {
            throw UserException.invalid("the body must be a JSON object");
        }
        return body;
    }

    /**
     * Metadata as sent: strings as they are, other scalars as their JSON text, null kept (it
     * removes the key in a merge). Null when the node is absent; objects and arrays are refused.
     */
    static Map<String, String> metadata(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new UserException(Problem.INVALID_METADATA, "metadata must be a JSON object of strings");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode v = e.getValue();
            if (v.isContainerNode()) {
                throw new UserException(Problem.INVALID_METADATA,
                        "metadata value of '" + e.getKey() + "' must be a string, not " + v.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            values.put(e.getKey(), v.isNull() ? null : v.isTextual() ? v.textValue() : v.toString());
        }
        return values;
    }

    /** Tags as sent: a JSON array of strings; null when absent or null. */
    static List<String> tags(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new UserException(Problem.INVALID_TAGS, "tags must be a JSON array of strings");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode t : node) {
            if (!t.isTextual()) {
                throw new UserException(Problem.INVALID_TAGS, "every tag must be a string");
            }
            tags.add(t.textValue());
        }
        return tags;
    }

    /** {@code {"task": "<id>"}} → the task id; null when absent, null or without a task. */
    static String originTask(JsonNode body) {
        JsonNode origin = body.path("origin");
        if (origin.isMissingNode() || origin.isNull()) {
            return null;
        }
        if (!origin.isObject()) {
            throw UserException.invalid("'origin' must be an object such as {\"task\": \"<task id>\"}");
        }
        return text(origin, "task");
    }
}
