package dev.scimgateway.config;

import dev.scimgateway.bulk.BulkExecutor;
import dev.scimgateway.events.RefusalLog;
import dev.scimgateway.bulk.BulkHandler;
import dev.scimgateway.bulk.BulkRequestReader;
import dev.scimgateway.bulk.BulkService;
import dev.scimgateway.bulk.BulkStream;
import dev.scimgateway.bulk.OperationPace;
import dev.scimgateway.idempotency.IdempotentExecution;
import dev.scimgateway.ratelimit.TenantLimits;
import dev.scimgateway.ratelimit.TenantRateLimiter;
import dev.scimgateway.resources.ResourceKinds;
import dev.scimgateway.resources.ResourceService;
import dev.scimgateway.scim.web.ScimErrorHandler;
import dev.scimgateway.scim.web.ScimResponses;
import dev.scimgateway.tenancy.TenantSchemas;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class BulkConfiguration {

    /** An NDJSON line holds one operation: as large as the body of a single request may be (the codecs' default). */
    private static final int MAX_NDJSON_LINE_BYTES = 256 * 1024;

    @Bean
    BulkExecutor bulkExecutor(ResourceService resources, ResourceKinds kinds, ScimErrorHandler errors, JsonMapper json,
            MeterRegistry meters, TenantRateLimiter limiter, RefusalLog refusals) {
        OperationPace pace = tenantId -> limiter.pace(tenantId, TenantLimits.Kind.WRITE);
        return new BulkExecutor(resources, kinds, errors, json, meters, pace, refusals);
    }

    @Bean
    RouterFunction<ServerResponse> bulkRoutes(BulkExecutor executor, IdempotentExecution idempotency, TenantSchemas catalogs,
            ScimResponses responses, JsonMapper json, GatewayProperties properties) {
        var bulk = properties.bulk();
        // A BulkRequest may be larger than a single resource: it gets its own body limit.
        var reader = new BulkRequestReader(json, bulk.maxOperations(), bulk.maxPayloadBytes());
        return new BulkHandler(new BulkService(executor, json, bulk.concurrency()),
                new BulkStream(executor, idempotency, json, bulk.concurrency()), catalogs, reader, responses, json,
                MAX_NDJSON_LINE_BYTES)
                .routes();
    }
}
