@NullMarked
package dev.scimgateway.storage;

import org.jspecify.annotations.NullMarked;
