@NullMarked
package dev.scimgateway.idempotency;

import org.jspecify.annotations.NullMarked;
