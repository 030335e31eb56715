/**
 * What every HTTP connection is held to below WebFlux, in Reactor Netty's channel pipeline: how
 * long a slow or idle client may keep one, how many may be open, and the headers every response
 * carries, those Reactor Netty writes itself included.
 */
@NullMarked
package dev.scimgateway.connections;

import org.jspecify.annotations.NullMarked;
