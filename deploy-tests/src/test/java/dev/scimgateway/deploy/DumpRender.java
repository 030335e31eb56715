package dev.scimgateway.deploy;
import org.junit.jupiter.api.Test;
import java.nio.file.*;
class DumpRender {
    @Test void dump() throws Exception {
        for (String c : HelmChart.ciCases()) {
            Files.writeString(Path.of("/tmp/render-" + c + ".yaml"), HelmChart.template(HelmChart.ciValues(c), java.util.Map.of()));
        }
    }
}
