@NullMarked
package dev.scimgateway.capture;

import org.jspecify.annotations.NullMarked;
