@NullMarked
package dev.scimgateway.scim.protocol.patch;

import org.jspecify.annotations.NullMarked;
