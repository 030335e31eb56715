/**
 * Client quirks: one small class per quirk, each quoting the request the client really sends
 * next to what it means. {@link dev.scimgateway.scim.protocol.compat.ClientQuirks} rewrites a
 * request into strict RFC form with them, at the edge, so that the protocol code (filters, PATCH,
 * schema validation) stays strict and readable and never learns which client spoke. This package
 * uses the protocol packages; none of them uses it.
 */
@NullMarked
package dev.scimgateway.scim.protocol.compat;

import org.jspecify.annotations.NullMarked;
