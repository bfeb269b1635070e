package org.hyperstrand.ldom.config;

import java.util.List;

/** What {@code ldm list-constraints -x} writes and {@code ldm add-domain -i} reads. */
record ExportDocument(Integer version, List<DomainDocument> domains) {
}
