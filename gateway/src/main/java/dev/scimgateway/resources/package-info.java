/**
 * The one pipeline every resource type goes through: {@link dev.scimgateway.resources.ResourceHandler}
 * (HTTP), {@link dev.scimgateway.resources.ResourceService} (the rules) and the
 * {@link dev.scimgateway.resources.ResourceStore} contract. What a type does its own way sits in
 * its {@link dev.scimgateway.resources.ResourceKind}, in the type's own package.
 */
@NullMarked
package dev.scimgateway.resources;

import org.jspecify.annotations.NullMarked;
