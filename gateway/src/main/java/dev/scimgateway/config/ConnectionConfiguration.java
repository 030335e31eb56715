package dev.scimgateway.config;

import dev.scimgateway.connections.ConnectionLimit;
import dev.scimgateway.connections.CutShortHeads;
import dev.scimgateway.connections.NoSniff;
import dev.scimgateway.connections.SlowClientTimeouts;
import dev.scimgateway.observability.DroppedErrors;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ConnectionConfiguration implements InitializingBean {

    /**
     * A client's hang-up is logged at debug even where Reactor drops it (see {@link DroppedErrors}).
     * The hook is the JVM's, and stays when this context closes: another gateway in the JVM (a test's)
     * may still rely on it.
     */
    @Override
    public void afterPropertiesSet() {
        DroppedErrors.install();
    }

    /**
     * Applied to each server the factory makes: every one gets a limit of its own, so that a
     * second server (a management port) neither shares nor takes the main one's connections.
     */
    @Bean
    NettyServerCustomizer connectionRules(GatewayProperties properties, MeterRegistry meters) {
        GatewayProperties.Connections connections = properties.connections();
        SlowClientTimeouts timeouts = new SlowClientTimeouts(connections.requestHeadTimeout(),
                connections.bodyReadTimeout(), meters);
        return server -> {
            ConnectionLimit limit = new ConnectionLimit(connections.maxConnections());
            return server.idleTimeout(connections.idleTimeout()).doOnChannelInit((observer, channel, remote) -> {
                limit.admit(channel);
                timeouts.install(channel);
                CutShortHeads.install(channel);
                NoSniff.install(channel);
            });
        };
    }
}
