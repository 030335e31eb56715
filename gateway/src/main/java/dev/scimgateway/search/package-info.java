@NullMarked
package dev.scimgateway.search;

import org.jspecify.annotations.NullMarked;
