@NullMarked
package dev.scimgateway;

import org.jspecify.annotations.NullMarked;
