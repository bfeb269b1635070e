/**
 * Instruction decoding: dense operation numbers, the decoder, and the per-page cache of
 * decoded instructions with its write invalidation.
 */
package org.hyperstrand.sparc.decode;
