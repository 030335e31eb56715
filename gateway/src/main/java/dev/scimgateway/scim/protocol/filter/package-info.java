/**
 * The SCIM filter language (RFC 7644 §3.4.2.2) and PATCH paths (§3.5.2): an immutable tree, a
 * recursive-descent parser, a printer, and visitors that evaluate and check the tree. Pure Java:
 * no Spring, no Reactor, so the same code serves the web layer, PATCH and tests.
 */
@NullMarked
package dev.scimgateway.scim.protocol.filter;

import org.jspecify.annotations.NullMarked;
