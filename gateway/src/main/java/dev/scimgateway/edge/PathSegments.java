package dev.scimgateway.edge;

import java.util.ArrayList;
import java.util.List;
import org.springframework.http.server.PathContainer;

/** A path's segments as the router compares them with its patterns: decoded, separators left out. */
public final class PathSegments {

    private PathSegments() {}

    public static List<String> of(PathContainer path) {
        List<String> segments = new ArrayList<>(6);
        for (PathContainer.Element element : path.elements()) {
            if (element instanceof PathContainer.PathSegment segment) {
                segments.add(segment.valueToMatch());
            }
        }
        return segments;
    }

    public static List<String> of(String path) {
        return of(PathContainer.parsePath(path));
    }
}
