/** Hashes the other packages share: one place that names the algorithm and handles its absence. */
@NullMarked
package dev.scimgateway.crypto;

import org.jspecify.annotations.NullMarked;
