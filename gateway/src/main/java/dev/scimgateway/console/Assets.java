package dev.scimgateway.console;

import dev.scimgateway.crypto.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * The console's stylesheet and script, held in memory from start-up (a few kilobytes), so that no
 * request reads a file, and served with an ETag. The script is a file, never inline: the CSP
 * allows scripts from this origin only.
 */
final class Assets {

    private record Asset(byte[] bytes, MediaType type, String etag) {}

    private static final Map<String, MediaType> FILES = Map.of(
            "console.css", MediaType.valueOf("text/css;charset=UTF-8"),
            "console.js", MediaType.valueOf("text/javascript;charset=UTF-8"),
            "favicon.svg", MediaType.valueOf("image/svg+xml"));

    private final Map<String, Asset> assets;

    Assets() {
        this.assets = Map.copyOf(FILES.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey,
                e -> load(e.getKey(), e.getValue()))));
    }

    Mono<ServerResponse> serve(ServerRequest request) {
        Asset asset = assets.get(request.pathVariable("file"));
        if (asset == null) {
            return ServerResponse.notFound().build();
        }
        if (asset.etag().equals(request.headers().firstHeader(HttpHeaders.IF_NONE_MATCH))) {
            return ServerResponse.status(304).eTag(asset.etag()).build();
        }
        return ServerResponse.ok().contentType(asset.type()).eTag(asset.etag())
                .cacheControl(CacheControl.maxAge(Duration.ofHours(1)))
                .bodyValue(asset.bytes());
    }

    private static Asset load(String file, MediaType type) {
        String path = "console/assets/" + file;
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing console asset " + path);
            }
            byte[] bytes = in.readAllBytes();
            return new Asset(bytes, type, "\"" + HexFormat.of().formatHex(Sha256.digest(bytes), 0, 8) + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException("Reading console asset " + path, e);
        }
    }
}
