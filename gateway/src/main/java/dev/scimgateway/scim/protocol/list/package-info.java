/**
 * List and search requests after parsing (RFC 7644 §3.4.2, RFC 9865 cursors) and the pages they
 * answer: the messages between the web layer, the services and the stores. Pure Java.
 */
@NullMarked
package dev.scimgateway.scim.protocol.list;

import org.jspecify.annotations.NullMarked;
