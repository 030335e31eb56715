package dev.scimgateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ScimGatewayApplication {
    public static void main(String[] args) {
        SpringApplication.run(ScimGatewayApplication.class, args);
    }
}
