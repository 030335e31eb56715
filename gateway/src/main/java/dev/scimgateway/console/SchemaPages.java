package dev.scimgateway.console;

import dev.scimgateway.scim.protocol.ScimException;
import dev.scimgateway.scim.schema.AttributeDefinition;
import dev.scimgateway.scim.schema.ExtensionSchemas;
import dev.scimgateway.tenancy.ExtensionSchemaRegistry;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tenant's extension schemas (how an IdP's custom attributes arrive): listed, registered from a
 * pasted RFC 7643 §7 schema document, and removed after a confirmation. Open to the tenant's
 * admins and the operator alike, as on the admin API, and checked by the same
 * {@link ExtensionSchemaRegistry}, so a document means the same here and there.
 */
final class SchemaPages {

    /** A schema document is a few kilobytes; 200 attributes at most (ExtensionSchemas) fit well within this. */
    static final int MAX_DOCUMENT = 200_000;

    private final ExtensionSchemaRegistry registry;
    private final ConsolePages pages;
    private final JsonMapper json;

    SchemaPages(ExtensionSchemaRegistry registry, ConsolePages pages, JsonMapper json) {
        this.registry = registry;
        this.pages = pages;
        this.json = json;
    }

    RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET(ConsolePaths.SCHEMAS, request -> list(request, HttpStatus.OK, null, ""))
                .POST(ConsolePaths.SCHEMAS, this::register)
                .GET(ConsolePaths.SCHEMA_REMOVE, this::confirm)
                .POST(ConsolePaths.SCHEMA_REMOVE, this::remove)
                .build();
    }

    /** One schema as the list shows it; a stored document that no longer parses shows its id only. */
    public record SchemaRow(String id, String name, String resourceType, String attributes, String removeHref) {}

    private Mono<ServerResponse> list(ServerRequest request, HttpStatus status, @Nullable String error, String pasted) {
        String tenantId = request.pathVariable("tenantId");
        return registry.list(tenantId)
                .map(document -> row(tenantId, document))
                .collectList()
                .flatMap(rows -> pages.render(request, status, "schemas", "Extension schemas",
                        Views.tenantNav(tenantId, "schemas"), ConsolePages.values(
                                "tenant", tenantId,
                                "schemas", rows,
                                "action", ConsolePaths.schemas(tenantId),
                                "document", pasted,
                                "error", error)))
                .onErrorResume(failure -> pages.failure(request, failure));
    }

    private static SchemaRow row(String tenantId, ObjectNode document) {
        String id = document.path("id").asString("");
        String remove = ConsolePaths.withQuery(ConsolePaths.schemaRemove(tenantId), "urn", id);
        try {
            ExtensionSchemas.Registered registered = ExtensionSchemas.parse(document);
            return new SchemaRow(id, registered.schema().name(), registered.resourceType(), registered.schema().attributes()
                    .stream().map(AttributeDefinition::name).collect(Collectors.joining(", ")), remove);
        } catch (ScimException e) {
            return new SchemaRow(id, "", "", "(no longer valid: " + e.detail() + ")", remove);
        }
    }

    private Mono<ServerResponse> register(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return request.formData().flatMap(form -> {
            String text = ConsolePages.text(form, "document");
            return registry.register(tenantId, null, Mono.fromCallable(() -> document(text)))
                    .flatMap(registered -> ConsolePages.redirect(ConsolePaths.schemas(tenantId)))
                    // A document that is not JSON or not a valid schema: the form again, with the text and why.
                    .onErrorResume(ScimException.class, e -> e.status() == 400 || e.status() == 413
                            ? list(request, HttpStatus.valueOf(e.status()), e.detail(),
                                    text.length() > MAX_DOCUMENT ? "" : text)
                            : pages.failure(request, e));
        });
    }

    private ObjectNode document(String text) {
        if (text.length() > MAX_DOCUMENT) {
            throw ScimException.payloadTooLarge("A schema document may have at most " + MAX_DOCUMENT + " characters");
        }
        if (text.isBlank()) {
            throw ScimException.invalidSyntax("Paste the schema document (JSON) into the field");
        }
        try {
            if (json.readTree(text) instanceof ObjectNode object) {
                return object;
            }
        } catch (JacksonException e) {
            throw ScimException.invalidSyntax("The schema document is not JSON: " + e.getOriginalMessage());
        }
        throw ScimException.invalidSyntax("An extension schema is a JSON object (RFC 7643 §7)");
    }

    private Mono<ServerResponse> confirm(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        String urn = request.queryParam("urn").orElse("");
        return registry.list(tenantId)
                .filter(document -> document.path("id").asString("").equalsIgnoreCase(urn))
                .next()
                .switchIfEmpty(Mono.error(() -> ScimException.notFound("Tenant '" + tenantId + "' has no schema '" + urn + "'")))
                .flatMap(found -> pages.render(request, HttpStatus.OK, "schema-remove", "Remove extension schema",
                        Views.tenantNav(tenantId, "schemas"), ConsolePages.values(
                                "urn", found.path("id").asString(""),
                                "action", ConsolePaths.schemaRemove(tenantId),
                                "back", ConsolePaths.schemas(tenantId))))
                .onErrorResume(error -> pages.failure(request, error));
    }

    private Mono<ServerResponse> remove(ServerRequest request) {
        String tenantId = request.pathVariable("tenantId");
        return request.formData()
                .flatMap(form -> registry.remove(tenantId, ConsolePages.text(form, "urn")))
                .then(Mono.defer(() -> ConsolePages.redirect(ConsolePaths.schemas(tenantId))))
                .onErrorResume(error -> pages.failure(request, error));
    }
}
