@NullMarked
package dev.scimgateway.scim.web;

import org.jspecify.annotations.NullMarked;
