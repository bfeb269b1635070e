/** The sun4v {@link org.hyperstrand.core.spi.ArchBackend}, registered through ServiceLoader. */
package org.hyperstrand.sparc.backend;
