package dev.scimgateway.search;

import dev.scimgateway.scim.protocol.ResourceRecord;
import dev.scimgateway.scim.protocol.SortValue;
import org.jspecify.annotations.Nullable;

/** One resource of the root listing: the part it comes from, its record and the value it sorts by, if any. */
record Hit(Part part, ResourceRecord record, @Nullable SortValue sortValue) {}
