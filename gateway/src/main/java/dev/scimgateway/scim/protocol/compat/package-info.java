@NullMarked
package dev.scimgateway.scim.protocol.compat;

import org.jspecify.annotations.NullMarked;
