package dev.scimgateway.config;

import dev.scimgateway.overload.OverloadFilter;
import dev.scimgateway.overload.RequestDeadlineFilter;
import dev.scimgateway.overload.ShutdownDrain;
import dev.scimgateway.scim.web.ScimErrorHandler;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

@Configuration(proxyBeanMethods = false)
class OverloadConfiguration {

    @Bean
    BulkheadRegistry bulkheadRegistry(GatewayProperties properties, MeterRegistry meters) {
        BulkheadRegistry registry = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(properties.overload().maxConcurrentRequests())
                // No waiting room: a request that cannot start now is shed with 503 and Retry-After.
                .maxWaitDuration(Duration.ZERO)
                .build());
        TaggedBulkheadMetrics.ofBulkheadRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    CircuitBreakerRegistry circuitBreakerRegistry(GatewayProperties properties, MeterRegistry meters) {
        var overload = properties.overload();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                .slowCallDurationThreshold(overload.slowCallThreshold())
                .slowCallRateThreshold(80)
                .waitDurationInOpenState(overload.breakerOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(5)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(OverloadFilter::isServerFailure)
                .build());
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean
    RequestDeadlineFilter requestDeadlineFilter(GatewayProperties properties, MeterRegistry meters) {
        return new RequestDeadlineFilter(properties.overload().requestTimeout(), meters);
    }

    /** Its timeout ends before the request's deadline, so that a handler that ran out of time still counts for the breaker. */
    @Bean
    OverloadFilter overloadFilter(BulkheadRegistry bulkheads, CircuitBreakerRegistry breakers,
            RequestDeadlineFilter deadline, GatewayProperties properties, MeterRegistry meters) {
        Bulkhead bulkhead = bulkheads.bulkhead("database");
        Bulkhead bulk = bulkheads.bulkhead("bulk", BulkheadConfig.from(bulkheads.getDefaultConfig())
                .maxConcurrentCalls(properties.overload().maxConcurrentBulkRequests())
                .build());
        CircuitBreaker breaker = breakers.circuitBreaker("database");
        return new OverloadFilter(bulkhead, bulk, breaker, deadline.handlerTimeout(),
                properties.overload().breakerOpenDuration(), meters);
    }

    /** First among the routes answered before WebFlux: once the gateway stops, no other serves a new request. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    ShutdownDrain shutdownDrain(ScimErrorHandler errors, GatewayProperties properties) {
        var shutdown = properties.shutdown();
        return new ShutdownDrain(shutdown.quietPeriod(), shutdown.drainLimit(), errors);
    }

    @Bean
    NettyServerCustomizer shutdownDrainWatch(ShutdownDrain drain) {
        return drain::watch;
    }
}
