/**
 * Instruction decoding: the opcode maps and decoder ({@link org.hyperstrand.x86.decode.X86Decoder}),
 * the packed decoded form ({@link org.hyperstrand.x86.decode.Insn}) with its dense operation
 * numbers ({@link org.hyperstrand.x86.decode.Op}), and the per-page cache of decoded
 * instructions with its write invalidation.
 */
package org.hyperstrand.x86.decode;
