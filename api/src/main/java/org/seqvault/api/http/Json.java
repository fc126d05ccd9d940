package org.seqvault.api.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;

/** JSON in and out. Request bodies are bounded; a "null" or empty body reads as an empty object. */
public final class Json {
    public static final long MAX_BODY_BYTES = 16L << 20;
    /**
     * Jackson's buffers come from one pool shared by all threads. Its default pool is per thread,
     * and every request runs on a new virtual thread, so each response allocated fresh buffers:
     * about 40 KiB of a GET /v2/files/{id}'s 84 KiB.
     */
    static final JsonFactory FACTORY = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
            .build();
    public static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private Json() {
    }

    /** The body as a JSON tree; missing, empty and "null" bodies give NullNode. */
    public static JsonNode tree(Context ctx) {
        try (InputStream in = new BoundedInputStream(ctx.req().getInputStream(), MAX_BODY_BYTES)) {
            JsonNode node = MAPPER.readTree(in);
            return node == null || node.isMissingNode() ? NullNode.instance : node;
        } catch (BoundedInputStream.TooLarge e) {
            throw new UserException(Problem.PAYLOAD_TOO_LARGE, "a JSON body is limited to 16 MiB");
        } catch (JsonProcessingException e) {
            throw new UserException(Problem.INVALID_JSON, "the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UserException(Problem.INVALID_REQUEST, "the body could not be read");
        }
    }

    /** The body bound to a record; an empty or null body binds to a record of nulls. */
    public static <T> T body(Context ctx, Class<T> type) {
        JsonNode node = tree(ctx);
        return bind(node.isNull() ? MAPPER.createObjectNode() : node, type);
    }

    public static <T> T bind(JsonNode node, Class<T> type) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "body" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            throw new UserException(Problem.INVALID_JSON, "'" + (field == null ? "body" : field) + "' has the wrong type");
        } catch (JsonProcessingException e) {
            throw new UserException(Problem.INVALID_JSON, "the body does not have the expected shape: "
                    + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new UserException(Problem.INVALID_JSON, "the body does not have the expected shape");
        }
    }
}
