/** What the gateway keeps in memory per tenant, and how it stays bounded however many tenants there are. */
@NullMarked
package dev.scimgateway.memory;

import org.jspecify.annotations.NullMarked;
