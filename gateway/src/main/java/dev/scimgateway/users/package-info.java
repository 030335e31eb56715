@NullMarked
package dev.scimgateway.users;

import org.jspecify.annotations.NullMarked;
