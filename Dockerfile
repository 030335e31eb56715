# syntax=docker/dockerfile:1
# Image of the SCIM gateway. Build from the repository root:
#   docker build -t scim-gateway:0.1.0 .
# Not exercised by the tests (no Docker engine runs where they do); see src/site/runbook.md.

# --- build: compile the gateway module only; the test suites run in CI, not in the image build.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
# The poms first, so dependency downloads stay cached until a pom changes.
COPY pom.xml ./
COPY gateway/pom.xml gateway/
COPY load-tests/pom.xml load-tests/
COPY deploy-tests/pom.xml deploy-tests/
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -pl gateway -am dependency:go-offline
COPY gateway/src gateway/src
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -pl gateway -am -DskipTests package

# --- extract: split the fat jar into Boot's layers; dependencies change far less often than
# the application, so a rebuild usually ships only the small top layer.
FROM eclipse-temurin:17-jre AS extract
WORKDIR /extract
COPY --from=build /src/gateway/target/scim-gateway.jar scim-gateway.jar
RUN java -Djarmode=tools -jar scim-gateway.jar extract --layers --launcher --destination layers

# --- runtime: a JRE only, no build tools, no shell tricks at start-up.
FROM eclipse-temurin:17-jre
# A fixed numeric user, so Kubernetes' runAsNonRoot can verify it without a passwd lookup; the
# chart's podSecurityContext uses the same ids.
RUN groupadd --system --gid 10001 scim \
 && useradd --system --uid 10001 --gid scim --home-dir /app --shell /usr/sbin/nologin scim \
 && mkdir -p /data && chown scim:scim /data
WORKDIR /app
# Least to most volatile, one image layer each.
COPY --from=extract /extract/layers/dependencies/ ./
COPY --from=extract /extract/layers/spring-boot-loader/ ./
COPY --from=extract /extract/layers/snapshot-dependencies/ ./
COPY --from=extract /extract/layers/application/ ./
USER 10001:10001
# /data holds only the embedded database and generated secrets; in Kubernetes it is an emptyDir
# under a read-only root filesystem.
ENV SCIM_GATEWAY_DATA_DIR=/data \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"
# 8080: SCIM, the admin API and the probes (/livez, /readyz); 8081: actuator and its metrics.
EXPOSE 8080 8081
# Exec form: the JVM is PID 1 and receives SIGTERM directly, which starts the graceful shutdown.
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
