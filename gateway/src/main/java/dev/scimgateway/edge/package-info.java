/**
 * Where a request enters: it is classified once into a {@link dev.scimgateway.edge.RequestContext},
 * on the same normalised path the router matches, and then passes the cross-cutting steps in the
 * order of one table ({@code config.EdgeConfiguration}). Depends on no feature package, so that
 * every feature can read the context.
 */
@NullMarked
package dev.scimgateway.edge;

import org.jspecify.annotations.NullMarked;
