package org.seqvault.api.drs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.file.DrsService;

/** Reads the bodies of the DRS bulk calls strictly: a wrong shape is a 400 naming the field. */
final class DrsBodies {
    private DrsBodies() {
    }

    /** One entry of POST /objects/access: an object id and its access ids, each once. */
    record AccessRequest(String objectId, List<String> accessIds) {
    }

    /** {@code bulk_object_ids} of POST /objects. */
    static List<String> objectIds(JsonNode body) {
        JsonNode ids = bulkArray(body, "bulk_object_ids");
        List<String> out = new ArrayList<>(ids.size());
        for (JsonNode id : ids) {
            out.add(text(id, "bulk_object_ids"));
        }
        return out;
    }

    /** {@code bulk_object_access_ids} of POST /objects/access. */
    static List<AccessRequest> accessRequests(JsonNode body) {
        JsonNode items = bulkArray(body, "bulk_object_access_ids");
        List<AccessRequest> out = new ArrayList<>(items.size());
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw UserException.invalid("each of 'bulk_object_access_ids' must be an object"
                        + " {\"bulk_object_id\": ..., \"bulk_access_ids\": [...]}");
            }
            String objectId = text(item.path("bulk_object_id"), "bulk_object_id");
            JsonNode accessIds = item.path("bulk_access_ids");
            if (!accessIds.isArray() || accessIds.isEmpty()) {
                throw UserException.invalid("'bulk_access_ids' of '" + objectId + "' must list at least one access id");
            }
            LinkedHashSet<String> distinct = new LinkedHashSet<>();
            for (JsonNode a : accessIds) {
                distinct.add(text(a, "bulk_access_ids"));
            }
            out.add(new AccessRequest(objectId, List.copyOf(distinct)));
        }
        return out;
    }

    /**
     * The body of POST /objects/{id} and POST /objects/{id}/access/{access_id}: nothing, or an object
     * whose passports (refused, as in bulk calls) and {@code expand} (a boolean, with no effect) are checked.
     */
    static void single(JsonNode body) {
        if (body.isNull()) {
            return;
        }
        if (!body.isObject()) {
            throw UserException.invalid("the body must be a JSON object (or empty)");
        }
        rejectPassports(body);
        JsonNode expand = body.path("expand");
        if (!expand.isMissingNode() && !expand.isNull() && !expand.isBoolean()) {
            throw UserException.invalid("'expand' must be true or false");
        }
    }

    /**
     * The body's list of requests, at most {@link DrsService#MAX_BULK_IDS} long (413 past it), and no passports.
     */
    private static JsonNode bulkArray(JsonNode body, String field) {
        if (!body.isObject()) {
            throw UserException.invalid("the body must be a JSON object with '" + field + "'");
        }
        rejectPassports(body);
        JsonNode list = body.path(field);
        if (!list.isArray() || list.isEmpty()) {
            throw UserException.invalid("'" + field + "' must list at least one id");
        }
        if (list.size() > DrsService.MAX_BULK_IDS) {
            throw new UserException(Problem.PAYLOAD_TOO_LARGE, "a bulk request takes at most "
                    + DrsService.MAX_BULK_IDS + " ids (maxBulkRequestLength); this one has " + list.size());
        }
        return list;
    }

    /** GA4GH passports are not accepted: an empty list is fine, a passport is refused rather than ignored. */
    private static void rejectPassports(JsonNode body) {
        JsonNode passports = body.path("passports");
        if (!passports.isMissingNode() && !passports.isNull() && !(passports.isArray() && passports.isEmpty())) {
            throw UserException.invalid("GA4GH passports are not accepted here; send a bearer token"
                    + " (Authorization: Bearer ...) instead");
        }
    }

    private static String text(JsonNode v, String field) {
        if (!v.isTextual() || v.textValue().isEmpty()) {
            throw UserException.invalid("'" + field + "' must hold non-empty strings");
        }
        return v.textValue();
    }
}
