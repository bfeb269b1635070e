/** The x86-64 {@link org.hyperstrand.core.spi.ArchBackend}, registered through ServiceLoader. */
package org.hyperstrand.x86.backend;
