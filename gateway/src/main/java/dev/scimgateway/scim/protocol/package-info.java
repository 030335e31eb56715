@NullMarked
package dev.scimgateway.scim.protocol;

import org.jspecify.annotations.NullMarked;
