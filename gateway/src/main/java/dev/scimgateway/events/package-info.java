/**
 * The per-tenant activity log: every change, written by the statement or transaction of the change
 * it records (storage does that from the {@link dev.scimgateway.events.ChangeOrigin} in the Reactor
 * context), and every refused request; the activity view for admins; and the RFC 9967 change feed
 * over Shared Signals streams, which reads the changes in their per-tenant sequence.
 */
@NullMarked
package dev.scimgateway.events;

import org.jspecify.annotations.NullMarked;
