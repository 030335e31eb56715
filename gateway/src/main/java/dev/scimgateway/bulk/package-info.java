@NullMarked
package dev.scimgateway.bulk;

import org.jspecify.annotations.NullMarked;
