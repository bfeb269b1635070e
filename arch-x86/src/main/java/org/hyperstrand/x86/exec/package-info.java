/**
 * Instruction semantics, one class per family, dispatched by
 * {@link org.hyperstrand.x86.exec.Executor}; lazy condition codes in
 * {@link org.hyperstrand.x86.exec.Flags}.
 */
package org.hyperstrand.x86.exec;
