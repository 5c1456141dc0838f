package io.billingbridge.server.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import io.billingbridge.server.system.SystemUnderTest.Reply;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The served OpenAPI document as a check on real replies: each reply to a documented operation must have a
 * documented status (or fall under {@code default}) and a body the schema of that response validates.
 */
final class OpenApiContract {
    /** Where the validator finds the document; never fetched, it is handed the text. */
    private static final String DOCUMENT = "https://billing-bridge.invalid/openapi.json";
    private static final String JSON_MEDIA_TYPE = "application/json";
    /** The document's own fields, which the validator meets when it loads the document to find a schema in it. */
    private static final List<String> DOCUMENT_KEYWORDS = List.of("openapi", "info", "paths", "components");

    private final JsonNode document;
    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final Set<String> validated = ConcurrentHashMap.newKeySet();

    OpenApiContract(String documentJson) {
        try {
            this.document = SystemUnderTest.JSON.readTree(documentJson);
        } catch (IOException e) {
            throw new AssertionError("the served OpenAPI document is not JSON", e);
        }
        JsonMetaSchema openApi = JsonMetaSchema.builder(OpenApi31.getInstance())
                .keywords(DOCUMENT_KEYWORDS.stream().map(NonValidationKeyword::new).toList()).build();
        this.factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(openApi).defaultMetaSchemaIri(openApi.getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT, documentJson))));
    }

    JsonNode document() {
        return document;
    }

    /** The operations and statuses that replies were validated against so far, as {@code "GET /path 200"}. */
    Set<String> validated() {
        return Set.copyOf(validated);
    }

    /** Checks a reply to {@code method uri}; a request to no documented operation is not checked. */
    void check(String method, URI uri, Reply reply) {
        Optional<String> template = template(method, uri.getRawPath());
        if (template.isEmpty()) {
            return;
        }
        String operation = method.toUpperCase(Locale.ROOT) + " " + template.get();
        JsonNode responses = document.path("paths").path(template.get()).path(method.toLowerCase(Locale.ROOT))
                .path("responses");
        String status = Integer.toString(reply.status());
        JsonNode response = responses.has(status) ? responses.get(status) : responses.get("default");
        if (response == null) {
            throw new AssertionError(operation + " answered " + status + ", which the document does not list");
        }
        response = resolve(response);
        if (reply.status() == 304) {
            if (response.has("content") || !reply.body().isEmpty()) {
                throw new AssertionError(operation + " 304 must be documented and answered without a body");
            }
            validated.add(operation + " " + status);
            return;
        }
        JsonNode schema = response.path("content").path(JSON_MEDIA_TYPE).path("schema");
        if (!schema.has("$ref")) {
            throw new AssertionError(operation + " " + status + " has no JSON schema reference in the document");
        }
        if (!reply.headers().firstValue("Content-Type").orElse("").startsWith(JSON_MEDIA_TYPE)) {
            throw new AssertionError(operation + " " + status + " is not JSON: "
                    + reply.headers().firstValue("Content-Type"));
        }
        Set<ValidationMessage> problems = schema(schema.get("$ref").asText()).validate(reply.json());
        if (!problems.isEmpty()) {
            throw new AssertionError(operation + " answered " + status + " with a body its documented schema "
                    + schema.get("$ref").asText() + " refuses: "
                    + problems.stream().map(ValidationMessage::getMessage).collect(Collectors.joining("; "))
                    + "\nbody: " + reply.body());
        }
        validated.add(operation + " " + status);
    }

    /** The document's path template that {@code rawPath} matches, if that path has this method. */
    Optional<String> template(String method, String rawPath) {
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            String pattern = Pattern.quote(path.getKey()).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
            if (rawPath.matches(pattern) && path.getValue().has(method.toLowerCase(Locale.ROOT))) {
                return Optional.of(path.getKey());
            }
        }
        return Optional.empty();
    }

    private JsonNode resolve(JsonNode response) {
        if (!response.has("$ref")) {
            return response;
        }
        JsonNode target = document.at(response.get("$ref").asText().substring(1));
        if (target.isMissingNode()) {
            throw new AssertionError("the document refers to a missing response " + response.get("$ref"));
        }
        return target;
    }

    private JsonSchema schema(String ref) {
        return schemas.computeIfAbsent(ref, r -> factory.getSchema(SchemaLocation.of(DOCUMENT + r), config));
    }
}
