/** The hypercalls the sun4v backend serves itself: the MMU calls and the real trap base. */
package org.hyperstrand.sparc.hcall;
