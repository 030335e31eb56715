package dev.scimgateway.support;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the repository beside the gateway module, such as the Helm chart, for tests that check against them. */
public final class RepositoryFiles {

    private RepositoryFiles() {}

    /** Surefire runs in gateway/; the chart lives beside it. */
    public static Path chart() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("helm/scim-gateway"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("helm/scim-gateway not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("helm/scim-gateway");
    }

    /** The repository's root folder. */
    public static Path root() {
        return chart().getParent().getParent();
    }
}
