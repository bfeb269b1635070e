package org.hyperstrand.guestabi;

import java.nio.ByteOrder;

/**
 * The architectures the guest runtime builds for, as the guest-abi Makefile names them
 * ({@code make ARCH=...}, {@code images/ARCH}), with the tools that build and run their programs and
 * what their images look like.
 */
enum GuestArch {
    SPARC64("sparc64", "sparc64-linux-gnu-gcc", "gcc-sparc64-linux-gnu", "libc6-dev-sparc64-cross",
            "qemu-sparc64", 43, "EM_SPARCV9", ByteOrder.BIG_ENDIAN, 4),
    X86_64("x86_64", "gcc", "gcc", "libc6-dev", "qemu-x86_64", 62, "EM_X86_64", ByteOrder.LITTLE_ENDIAN, 1);

    /** The name in {@code ARCH=}, {@code images/}, {@code target/guests/}. */
    final String dir;
    final String gcc;
    final String gccPackage;
    /** The package that lets {@link #gcc} build a static glibc program. */
    final String glibcPackage;
    final String qemu;
    final int machine;
    final String machineName;
    final ByteOrder order;
    /** What e_entry must be a multiple of (an instruction boundary). */
    final int entryAlignment;

    GuestArch(String dir, String gcc, String gccPackage, String glibcPackage, String qemu, int machine,
            String machineName, ByteOrder order, int entryAlignment) {
        this.dir = dir;
        this.gcc = gcc;
        this.gccPackage = gccPackage;
        this.glibcPackage = glibcPackage;
        this.qemu = qemu;
        this.machine = machine;
        this.machineName = machineName;
        this.order = order;
        this.entryAlignment = entryAlignment;
    }

    /** {@code ARCH=...} for the Makefile. */
    String makeArch() {
        return "ARCH=" + dir;
    }
}
