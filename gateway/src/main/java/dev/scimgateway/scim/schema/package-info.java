@NullMarked
package dev.scimgateway.scim.schema;

import org.jspecify.annotations.NullMarked;
