/**
 * Client quirks: one small class per quirk, each quoting the request the client really sends
 * next to what it means, so that the core protocol code can stay strict and readable.
 */
@NullMarked
package dev.scimgateway.scim.protocol.compat;

import org.jspecify.annotations.NullMarked;
