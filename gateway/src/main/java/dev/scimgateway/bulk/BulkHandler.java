package dev.scimgateway.bulk;

import dev.scimgateway.edge.BasePaths;
import dev.scimgateway.scim.web.ScimResponses;
import dev.scimgateway.edge.Endpoint;
import dev.scimgateway.edge.RequestContext;
import dev.scimgateway.tenancy.TenantSchemas;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** {@code POST /scim/v2/Bulk}: a BulkRequest document, or an NDJSON stream of operations. */
public final class BulkHandler {

    public static final MediaType NDJSON = MediaType.APPLICATION_NDJSON;

    private final BulkService bulk;
    private final BulkStream stream;
    private final TenantSchemas catalogs;
    private final BulkRequestReader reader;
    private final ScimResponses responses;
    private final Ndjson ndjson;

    /**
     * @param maxLineBytes longest NDJSON line, in bytes
     */
    public BulkHandler(BulkService bulk, BulkStream stream, TenantSchemas catalogs, BulkRequestReader reader,
            ScimResponses responses, JsonMapper json, int maxLineBytes) {
        this.ndjson = new Ndjson(json, maxLineBytes);
        this.bulk = bulk;
        this.stream = stream;
        this.catalogs = catalogs;
        this.reader = reader;
        this.responses = responses;
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route().POST(BasePaths.SCIM + "/Bulk", this::bulk).build();
    }

    private Mono<ServerResponse> bulk(ServerRequest request) {
        String tenant = RequestContext.tenantOf(request.exchange()).tenantId();
        String baseUrl = responses.baseUrl(request);
        boolean streaming = RequestContext.of(request.exchange()).endpoint() == Endpoint.STREAM;
        if (streaming) {
            Flux<String> lines = ndjson.lines(request.bodyToFlux(DataBuffer.class));
            return catalogs.of(tenant).flatMap(catalog -> ServerResponse.ok().contentType(NDJSON)
                    .body(BodyInserters.fromDataBuffers(ndjson.encode(stream.run(tenant, catalog, baseUrl, lines),
                            request.exchange().getResponse().bufferFactory()))));
        }
        return catalogs.of(tenant).flatMap(catalog -> reader.read(request)
                .flatMap(body -> bulk.run(tenant, catalog, baseUrl, body))
                .flatMap(result -> responses.document(request, result)));
    }
}
