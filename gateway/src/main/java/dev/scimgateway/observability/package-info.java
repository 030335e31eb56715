@NullMarked
package dev.scimgateway.observability;

import org.jspecify.annotations.NullMarked;
