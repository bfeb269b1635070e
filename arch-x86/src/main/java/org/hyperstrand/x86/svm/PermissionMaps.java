package org.hyperstrand.x86.svm;

import org.hyperstrand.core.mem.PhysicalMemory;

/**
 * The I/O and MSR permission maps a VMCB points to (reference/amd-v-svm.md section 3).
 *
 * <p>IOPM: 12 KiB, one bit per port; an access of {@code s} bytes at port {@code p} is
 * intercepted if any of bits {@code p .. p+s-1} is set, so an access at the top of the port
 * space reads the bits just past 65535. MSRPM: 8 KiB, two bits per MSR (even: RDMSR, odd:
 * WRMSR) for the ranges 0-0x1FFF, 0xC000_0000-0xC000_1FFF and 0xC001_0000-0xC001_1FFF; an MSR
 * outside them is always intercepted.
 */
public final class PermissionMaps {

    private PermissionMaps() {
    }

    public static final int IOPM_PAGES = 3;
    public static final int MSRPM_PAGES = 2;
    public static final int IOPM_BYTES = IOPM_PAGES * 4096;
    public static final int MSRPM_BYTES = MSRPM_PAGES * 4096;

    /** True if the IOPM at {@code iopm} intercepts {@code size} bytes (1, 2, 4) at {@code port}. */
    public static boolean ioIntercepted(PhysicalMemory memory, long iopm, int port, int size) {
        int first = port & 0xffff;
        int bits = memory.read8(iopm + (first >>> 3)) | memory.read8(iopm + (first >>> 3) + 1) << 8;
        int mask = ((1 << size) - 1) << (first & 7);
        return (bits & mask) != 0;
    }

    /**
     * The bit index of MSR {@code msr} in an MSRPM (its RDMSR bit; the WRMSR bit follows), or -1
     * when the MSR is outside the three ranges.
     */
    public static int msrBit(int msr) {
        int base;
        if (msr >= 0 && msr <= 0x1fff) {
            base = 0;
        } else if (msr >= 0xc000_0000 && msr <= 0xc000_1fff) {
            base = 0x800 * 8;
        } else if (msr >= 0xc001_0000 && msr <= 0xc001_1fff) {
            base = 0x1000 * 8;
        } else {
            return -1;
        }
        return base + 2 * (msr & 0x1fff);
    }

    /** True if the MSRPM at {@code msrpm} intercepts RDMSR ({@code write} false) or WRMSR of {@code msr}. */
    public static boolean msrIntercepted(PhysicalMemory memory, long msrpm, int msr, boolean write) {
        int bit = msrBit(msr);
        if (bit < 0) {
            return true;
        }
        bit += write ? 1 : 0;
        return (memory.read8(msrpm + (bit >>> 3)) & (1 << (bit & 7))) != 0;
    }

    /** Sets or clears the RDMSR and WRMSR intercept bits of {@code msr} in the MSRPM at {@code msrpm}. */
    public static void setMsrIntercept(PhysicalMemory memory, long msrpm, int msr, boolean read, boolean write) {
        int bit = msrBit(msr);
        if (bit < 0) {
            throw new IllegalArgumentException("MSR 0x" + Integer.toHexString(msr) + " is outside the MSRPM ranges");
        }
        long at = msrpm + (bit >>> 3);
        int shift = bit & 7;
        int v = memory.read8(at) & ~(3 << shift);
        v |= (read ? 1 : 0) << shift;
        v |= (write ? 2 : 0) << shift;
        memory.write8(at, v);
    }

    /** Fills a map of {@code bytes} at {@code pa} with ones (intercept everything) or zeros. */
    public static void fill(PhysicalMemory memory, long pa, int bytes, boolean intercept) {
        byte[] page = new byte[bytes];
        if (intercept) {
            java.util.Arrays.fill(page, (byte) 0xff);
        }
        memory.write(pa, page, 0, bytes);
    }

    /** Sets or clears the IOPM bits of ports {@code first .. first+count-1}. */
    public static void setIoIntercept(PhysicalMemory memory, long iopm, int first, int count, boolean intercept) {
        for (int p = first; p < first + count; p++) {
            long at = iopm + (p >>> 3);
            int v = memory.read8(at);
            v = intercept ? v | (1 << (p & 7)) : v & ~(1 << (p & 7));
            memory.write8(at, v);
        }
    }
}
