@NullMarked
package dev.scimgateway.overload;

import org.jspecify.annotations.NullMarked;
