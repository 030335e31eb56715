@NullMarked
package dev.scimgateway.config;

import org.jspecify.annotations.NullMarked;
