package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.OpenApi31;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqvault.api.OpenApi;
import org.seqvault.api.RouteTable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document (api/src/main/resources/org/seqvault/api/openapi.yaml) cannot drift from the
 * server: it names exactly the routes of the route table, it is a valid OpenAPI 3.1 document whose
 * schemas are valid JSON Schema 2020-12, and every golden answer of the API tests validates against
 * the schema the document gives for the route and status that produced it.
 */
class OpenApiDocumentTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Path GOLDEN_ROUTES = Path.of("src/test/resources/openapi-golden-routes.txt");
    /** Where the schema registry finds the document; $refs inside it resolve against this. */
    private static final String DOCUMENT_IRI = "https://seqvault.invalid/openapi.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final JsonMapper JSON3 = JsonMapper.builder().build();

    static ServerFixture fx;
    static JsonNode document;
    static SchemaRegistry schemas;

    @BeforeAll
    static void start() {
        fx = new ServerFixture(Backend.SQLITE_AND_FILES);
        document = OpenApi.document();
        schemas = SchemaRegistry.withDefaultDialect(OpenApi31.getInstance(),
                b -> b.schemas(Map.of(DOCUMENT_IRI, document.toString())));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void documentsExactlyTheRoutesOfTheServer() {
        Set<String> served = new TreeSet<>();
        for (RouteTable.Route r : fx.server.http().routes()) {
            served.add(r.method().name() + " " + r.path());
        }
        Set<String> documented = new TreeSet<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().stream()
                .filter(op -> METHODS.contains(op.getKey()))
                .forEach(op -> documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));

        Set<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        Set<String> unserved = new TreeSet<>(documented);
        unserved.removeAll(served);
        assertThat(undocumented).as("routes the server has that openapi.yaml lacks (document them)").isEmpty();
        assertThat(unserved).as("routes openapi.yaml names that the server lacks").isEmpty();
    }

    @Test
    void isAValidOpenApi31DocumentWithValidSchemas() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document.toString(), null, options);
        assertThat(parsed.getMessages()).as("OpenAPI parser messages").isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");

        Schema metaSchema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        Map<String, List<Error>> invalid = new TreeMap<>();
        forEachSchema(document, "#", (pointer, schema) -> {
            List<Error> errors = metaSchema.validate(JSON3.readTree(schema.toString()));
            if (!errors.isEmpty()) {
                invalid.put(pointer, errors);
            }
        });
        assertThat(invalid).as("schemas that are not JSON Schema 2020-12").isEmpty();

        Set<String> operationIds = new TreeSet<>();
        List<String> repeated = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().stream()
                .filter(op -> METHODS.contains(op.getKey()))
                .forEach(op -> {
                    if (!operationIds.add(op.getValue().path("operationId").asText())) {
                        repeated.add(op.getKey() + " " + path.getKey());
                    }
                }));
        assertThat(repeated).as("operations without a unique operationId").isEmpty();
    }

    @Test
    void everyGoldenAnswerMatchesTheSchemaOfItsRouteAndStatus() throws IOException {
        Map<String, String[]> routes = goldenRoutes();
        Set<String> goldenFiles = new TreeSet<>();
        try (Stream<Path> files = Files.list(GOLDEN)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .forEach(n -> goldenFiles.add(n.substring(0, n.length() - ".json".length())));
        }
        assertThat(routes.keySet()).as("golden files listed in %s", GOLDEN_ROUTES).isEqualTo(goldenFiles);

        Map<String, List<Error>> failures = new TreeMap<>();
        for (Map.Entry<String, String[]> e : routes.entrySet()) {
            String pointer = schemaPointer(e.getKey(), e.getValue());
            Schema schema = schemas.getSchema(SchemaLocation.of(DOCUMENT_IRI + pointer));
            String answer = Files.readString(GOLDEN.resolve(e.getKey() + ".json"));
            List<Error> errors = schema.validate(JSON3.readTree(withNumbers(answer)));
            if (!errors.isEmpty()) {
                failures.put(e.getKey() + " vs " + pointer, errors);
            }
        }
        assertThat(failures).as("golden answers that do not match openapi.yaml").isEmpty();
    }

    @Test
    void isServedAsJsonWithoutAToken() throws Exception {
        var r = fx.http.get(OpenApi.PATH, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json()).isEqualTo(document);
    }

    /**
     * The JSON pointer (in the document) of the schema of a route's answer with a status: the exact
     * status, else its class (4XX), following a $ref to a shared response.
     */
    private static String schemaPointer(String golden, String[] route) {
        if (route[0].equals("unrouted")) {
            return "#/components/schemas/" + route[2];
        }
        String path = route[1];
        String method = route[0].toLowerCase(Locale.ROOT);
        JsonNode operation = document.path("paths").path(path).path(method);
        assertThat(operation.isObject()).as("%s: %s %s is not in openapi.yaml", golden, route[0], path).isTrue();
        String status = route[2];
        String key = operation.path("responses").has(status) ? status : status.charAt(0) + "XX";
        JsonNode response = operation.path("responses").path(key);
        assertThat(response.isObject()).as("%s: %s %s has no response %s", golden, route[0], path, status).isTrue();
        String pointer = "#/paths/" + escape(path) + "/" + method + "/responses/" + key;
        if (response.has("$ref")) {
            pointer = response.get("$ref").asText();
            response = document.at(pointer.substring(1));
        }
        String mediaType = jsonMediaType(response.path("content"));
        assertThat(mediaType).as("%s: %s %s %s has no JSON body", golden, route[0], path, status).isNotNull();
        return pointer + "/content/" + escape(mediaType) + "/schema";
    }

    /** application/json, or a JSON media type of a protocol's own (htsget's …+json); null if none. */
    private static String jsonMediaType(JsonNode content) {
        if (content.has("application/json")) {
            return "application/json";
        }
        return content.properties().stream().map(Map.Entry::getKey).filter(t -> t.endsWith("+json")).findFirst()
                .orElse(null);
    }

    private static Map<String, String[]> goldenRoutes() throws IOException {
        Map<String, String[]> routes = new TreeMap<>();
        for (String line : Files.readAllLines(GOLDEN_ROUTES)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] words = trimmed.split("\\s+");
            assertThat(words).as("line '%s' of %s: NAME METHOD PATH STATUS", line, GOLDEN_ROUTES).hasSize(4);
            assertThat(routes.put(words[0], new String[] {words[1], words[2], words[3]}))
                    .as("%s is listed twice", words[0]).isNull();
        }
        return routes;
    }

    /** The golden files write some varying numbers as "<n>" (Golden keeps their shape only): a number again. */
    private static String withNumbers(String golden) {
        return golden.replace("\"<n>\"", "0");
    }

    private static String escape(String pathKey) {
        return pathKey.replace("~", "~0").replace("/", "~1");
    }

    private interface SchemaVisitor {
        void visit(String pointer, JsonNode schema);
    }

    /** Every schema object of the document: the components' and those inline under a "schema" key. */
    private static void forEachSchema(JsonNode node, String pointer, SchemaVisitor visitor) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                String child = pointer + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
                boolean isSchema = e.getKey().equals("schema")
                        || pointer.equals("#/components/schemas");
                if (isSchema && e.getValue().isObject()) {
                    visitor.visit(child, e.getValue());
                } else {
                    forEachSchema(e.getValue(), child, visitor);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                forEachSchema(node.get(i), pointer + "/" + i, visitor);
            }
        }
    }
}
