@NullMarked
package dev.scimgateway.background;

import org.jspecify.annotations.NullMarked;
