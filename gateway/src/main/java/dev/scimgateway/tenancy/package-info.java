@NullMarked
package dev.scimgateway.tenancy;

import org.jspecify.annotations.NullMarked;
