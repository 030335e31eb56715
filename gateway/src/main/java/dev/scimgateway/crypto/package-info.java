/**
 * Hashes, random secrets and sealed secrets the other packages share: one place that names each
 * algorithm and handles its absence.
 */
@NullMarked
package dev.scimgateway.crypto;

import org.jspecify.annotations.NullMarked;
