/**
 * The tenant admin console at {@code /console/}: server-rendered pages, its sessions, CSRF
 * protection, security headers and access rules (Spring Security, as one step of the edge). It
 * works through the same services as the admin API and never touches SQL.
 */
@NullMarked
package dev.scimgateway.console;

import org.jspecify.annotations.NullMarked;
