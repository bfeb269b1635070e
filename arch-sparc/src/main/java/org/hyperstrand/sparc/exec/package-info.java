/**
 * Instruction semantics, one class per family, dispatched by
 * {@link org.hyperstrand.sparc.exec.Executor}.
 */
package org.hyperstrand.sparc.exec;
