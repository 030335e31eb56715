@NullMarked
package dev.scimgateway.ratelimit;

import org.jspecify.annotations.NullMarked;
