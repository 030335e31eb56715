@NullMarked
package dev.scimgateway.groups;

import org.jspecify.annotations.NullMarked;
