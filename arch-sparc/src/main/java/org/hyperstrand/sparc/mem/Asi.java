package org.hyperstrand.sparc.mem;

/**
 * Address space identifiers this model knows, and what each one reaches. {@link #info} packs a
 * kind, flags and, for memory ASIs, the context they translate in when the MMU is on (with it
 * off, every memory ASI addresses real memory).
 */
public final class Asi {

    public static final int NUCLEUS = 0x04;
    public static final int NUCLEUS_LITTLE = 0x0c;
    public static final int AS_IF_USER_PRIMARY = 0x10;
    public static final int AS_IF_USER_SECONDARY = 0x11;
    public static final int REAL = 0x14;
    public static final int REAL_IO = 0x15;
    public static final int AS_IF_USER_PRIMARY_LITTLE = 0x18;
    public static final int AS_IF_USER_SECONDARY_LITTLE = 0x19;
    public static final int REAL_LITTLE = 0x1c;
    public static final int REAL_IO_LITTLE = 0x1d;
    public static final int SCRATCHPAD = 0x20;
    public static final int MMU = 0x21;
    public static final int QUEUE = 0x25;
    public static final int TWINX_REAL = 0x26;
    public static final int PRIMARY = 0x80;
    public static final int SECONDARY = 0x81;
    public static final int PRIMARY_NOFAULT = 0x82;
    public static final int SECONDARY_NOFAULT = 0x83;
    public static final int PRIMARY_LITTLE = 0x88;
    public static final int SECONDARY_LITTLE = 0x89;
    public static final int PRIMARY_NOFAULT_LITTLE = 0x8a;
    public static final int SECONDARY_NOFAULT_LITTLE = 0x8b;
    public static final int TWINX_PRIMARY = 0xe2;

    /** Not an ASI of this model: data_access_exception. */
    public static final int KIND_INVALID = 0;
    /** Memory: with the MMU off every translating ASI addresses real memory directly. */
    public static final int KIND_MEMORY = 1;
    /** Twin-extended (128-bit LDDA) and block-initializing store ASIs. */
    public static final int KIND_TWIN = 2;
    public static final int KIND_SCRATCHPAD = 3;
    public static final int KIND_QUEUE = 4;
    public static final int KIND_MMU = 5;

    public static final int KIND_MASK = 7;
    public static final int LITTLE = 8;
    public static final int NOFAULT = 16;

    /** The context a memory ASI translates in with the MMU on: {@link #CTX_MASK} bits. */
    public static final int CTX_PRIMARY = 0;
    public static final int CTX_SECONDARY = 32;
    public static final int CTX_NUCLEUS = 64;
    /** Real addresses even with the MMU on (ASI_REAL*). */
    public static final int CTX_REAL = 96;
    public static final int CTX_MASK = 96;
    /** Checked as a user access even from privileged mode (ASI_AS_IF_USER_*). */
    public static final int AS_USER = 128;

    private static final int[] INFO = new int[256];

    static {
        for (int asi : new int[] {NUCLEUS, AS_IF_USER_PRIMARY, AS_IF_USER_SECONDARY, REAL, REAL_IO, PRIMARY, SECONDARY}) {
            INFO[asi] = KIND_MEMORY;
        }
        for (int asi : new int[] {NUCLEUS_LITTLE, AS_IF_USER_PRIMARY_LITTLE, AS_IF_USER_SECONDARY_LITTLE,
            REAL_LITTLE, REAL_IO_LITTLE, PRIMARY_LITTLE, SECONDARY_LITTLE}) {
            INFO[asi] = KIND_MEMORY | LITTLE;
        }
        INFO[PRIMARY_NOFAULT] = KIND_MEMORY | NOFAULT;
        INFO[SECONDARY_NOFAULT] = KIND_MEMORY | NOFAULT;
        INFO[PRIMARY_NOFAULT_LITTLE] = KIND_MEMORY | NOFAULT | LITTLE;
        INFO[SECONDARY_NOFAULT_LITTLE] = KIND_MEMORY | NOFAULT | LITTLE;
        // twin loads: AIUP, AIUS, nucleus (0x24 and 0x27), real, and primary/secondary; 0x08 set = little
        for (int asi : new int[] {0x22, 0x23, 0x24, 0x26, 0x27, 0xe2, 0xe3}) {
            INFO[asi] = KIND_TWIN;
            INFO[asi | 0x08] = KIND_TWIN | LITTLE;
        }
        for (int asi : new int[] {NUCLEUS, NUCLEUS_LITTLE, 0x24, 0x2c, 0x27, 0x2f}) {
            INFO[asi] |= CTX_NUCLEUS;
        }
        for (int asi : new int[] {AS_IF_USER_PRIMARY, AS_IF_USER_PRIMARY_LITTLE, 0x22, 0x2a}) {
            INFO[asi] |= CTX_PRIMARY | AS_USER;
        }
        for (int asi : new int[] {AS_IF_USER_SECONDARY, AS_IF_USER_SECONDARY_LITTLE, 0x23, 0x2b}) {
            INFO[asi] |= CTX_SECONDARY | AS_USER;
        }
        for (int asi : new int[] {REAL, REAL_IO, REAL_LITTLE, REAL_IO_LITTLE, TWINX_REAL, TWINX_REAL | 0x08}) {
            INFO[asi] |= CTX_REAL;
        }
        for (int asi : new int[] {SECONDARY, SECONDARY_NOFAULT, SECONDARY_LITTLE, SECONDARY_NOFAULT_LITTLE, 0xe3, 0xeb}) {
            INFO[asi] |= CTX_SECONDARY;
        }
        INFO[SCRATCHPAD] = KIND_SCRATCHPAD;
        INFO[MMU] = KIND_MMU;
        INFO[QUEUE] = KIND_QUEUE;
    }

    private Asi() {
    }

    /** Kind and flags of {@code asi} (0..255). */
    public static int info(int asi) {
        return INFO[asi & 0xff];
    }

    /** ASIs below 0x80 are restricted: user-mode access raises privileged_action. */
    public static boolean restricted(int asi) {
        return (asi & 0x80) == 0;
    }
}
