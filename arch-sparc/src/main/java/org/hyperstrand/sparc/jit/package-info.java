/**
 * The translation tier: hot straight-line guest blocks become JVM bytecode in hidden classes,
 * entered from the interpreter's run loop. Blocks hang off the decoded page they were read from
 * and die with it, keep registers in JVM locals, refill the TLB from the guest's TSBs
 * themselves, and leave every exit (a side exit, an access that would trap, an instruction they
 * do not handle) with the state the interpreter would have.
 */
package org.hyperstrand.sparc.jit;
