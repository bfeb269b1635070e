package org.hyperstrand.x86.cpu;

import org.hyperstrand.core.spi.GuestContext;
import org.hyperstrand.x86.mmu.X86Memory;

/**
 * The architectural state of one x86-64 CPU, shared by the execution classes. Fields are public
 * so the instruction families in {@code exec} reach them without accessor calls on the hot
 * path. Invariants that span fields are kept by the few methods that change them: the CPL and
 * the software TLB ({@link #setCpl}), the arithmetic flags ({@code exec.Flags}).
 *
 * <p>General registers are {@link #r}[0..15] in encoding order (RAX RCX RDX RBX RSP RBP RSI RDI
 * R8..R15). Register operands of decoded instructions use 0..15, and 16..19 for AH, CH, DH, BH.
 * Operand sizes are indexes: 0 = 8, 1 = 16, 2 = 32, 3 = 64 bits.
 *
 * <p>RFLAGS is split: the six arithmetic flags are lazy (the last flag-setting operation's kind,
 * size, operands and result in the {@code cc*} fields, see {@code exec.Flags}); every other bit
 * is in {@link #flags}.
 */
public final class X86State {

    public static final int RAX = 0;
    public static final int RCX = 1;
    public static final int RDX = 2;
    public static final int RBX = 3;
    public static final int RSP = 4;
    public static final int RBP = 5;
    public static final int RSI = 6;
    public static final int RDI = 7;
    public static final int R8 = 8;
    public static final int R9 = 9;
    public static final int R10 = 10;
    public static final int R11 = 11;

    /** Value masks by operand size index. */
    public static final long[] MASK = {0xffL, 0xffffL, 0xffff_ffffL, -1L};

    // ---- registers --------------------------------------------------------------------------
    public final long[] r = new long[16];
    /** Address of the instruction being executed; execution moves it on as the instruction retires. */
    public long rip;
    /** Instructions retired since creation. */
    public long retired;

    // ---- flags ------------------------------------------------------------------------------
    /** RFLAGS without the arithmetic flags (bit 1 always set). */
    public long flags = X86Arch.RESERVED_1;
    /** Kind << 2 | size of the last flag-setting operation (see exec.Flags). */
    public int ccOp;
    public long ccRes;
    public long ccA;
    public long ccB;
    /** Carry-in of ADC/SBB, or the carry out of a shift, or the CF that INC/DEC keep. */
    public long ccC;

    // ---- control registers and MSR-backed state ------------------------------------------------
    public long cr0;
    public long cr2;
    public long cr3;
    public long cr4;
    public long cr8;
    public long efer;
    public final long[] dr = new long[8];
    public int cpl;

    /** Segment registers ES CS SS DS FS GS: selector, base, limit, packed attributes. */
    public final int[] segSel = new int[6];
    public final long[] segBase = new long[6];
    public final long[] segLimit = new long[6];
    public final int[] segAttr = new int[6];
    public long gdtBase;
    public int gdtLimit;
    public long idtBase;
    public int idtLimit;
    public int trSel;
    public long trBase;
    public long trLimit;
    public int trAttr;
    public int ldtrSel;
    public long ldtrBase;
    public long ldtrLimit;
    public int ldtrAttr;

    public long kernelGsBase;
    public long star;
    public long lstar;
    public long cstar;
    public long sfmask;
    public long tscAux;
    /** Guest TSC = now() + tscOffset (written through IA32_TSC). */
    public long tscOffset;
    public long pat = X86Arch.PAT_DEFAULT;
    public long apicBase;

    // ---- exception in flight ------------------------------------------------------------------
    /** Vector of the exception being raised, or {@link #NO_MEMORY} (see {@link #faultAddress}). */
    public int faultVector;
    public int faultError;
    /** #PF: the linear address (becomes CR2 at delivery); NO_MEMORY: the guest-physical address. */
    public long faultAddress;
    /**
     * Pseudo-vector: a guest-physical address outside the domain's memory while no nested
     * paging translates it (host mode); this stops the CPU. In a guest, the nested walk
     * reports {@link #NESTED_PAGE_FAULT} instead.
     */
    public static final int NO_MEMORY = -1;
    /** Pseudo-vector: the guest asked for something this model does not implement; fatal. */
    public static final int UNSUPPORTED = -2;
    /**
     * Pseudo-vector: the nested page walk (guest-physical to host-physical through N_CR3)
     * failed; {@link #npfInfo1} holds the NPF EXITINFO1 and {@link #faultAddress} the
     * guest-physical address. Becomes the NPF #VMEXIT (exit code 0x400).
     */
    public static final int NESTED_PAGE_FAULT = -3;
    /** EXITINFO1 of the last {@link #NESTED_PAGE_FAULT}: page-fault bits 0..4, bit 32 final, bit 33 guest table. */
    public long npfInfo1;
    /**
     * Set while the CPU runs a guest under SVM (between VMRUN and #VMEXIT); the intercept checks
     * at the {@link ExitCode} points apply only then.
     */
    public boolean guestMode;
    /** V_IRQ: a virtual interrupt is pending for the guest (svm.SvmUnit delivers it). */
    public boolean vIrq;
    /** VM_HSAVE_PA (MSR 0xC001_0117): VMRUN needs it set. */
    public long hsavePa;
    /**
     * Set by STI (with IF clear before) and MOV SS: interrupts stay blocked until the next
     * instruction has run; the run loop clears it at that boundary.
     */
    public boolean interruptShadow;

    // ---- run bookkeeping ----------------------------------------------------------------------
    /** Set by an instruction that ends {@link X86Core#run} (a VcpuExit code), else -1. */
    public int exit = -1;
    /** Why the CPU stopped for good, or null. */
    public String fatalReason;
    /**
     * The linear page (rip >>> 12) the fetch path has a decoded page for, or -1. Anything that
     * may change what the current page decodes to (a store to it, a CPL or paging change, a
     * serializing instruction) sets it to -1 so the next fetch looks again.
     */
    public long codeVPage = -1;
    /** Host physical page of the current decoded page, or -1. */
    public long codePaPage = -1;
    /** The last straight-line runs executed, for reports. */
    public final RunHistory history = new RunHistory();
    /**
     * Next RIP of the instruction last started, for the NRIP field of #VMEXIT: written where an
     * exit may read it (an instruction on the generic path, which holds every intercepted one;
     * a faulting instruction; the end of each run), not for every instruction.
     */
    public long nextRip;
    /** RIP and first bytes of the last instruction that raised #UD, for reports. */
    public long lastUdRip = -1;
    public long lastUdBytes;
    public int lastUdLength;
    /** Exceptions delivered through the IDT. */
    public long exceptionsDelivered;

    /** The remainder of the last 128-by-64-bit division (exec.AluOps). */
    public long divRemainder;

    /** Interrupt queue head/tail registers of the SPI, by queue: [2q] head, [2q+1] tail. */
    public final long[] queue = new long[8];

    public GuestContext guest;
    public X86Memory mem;
    public X86Core core;

    // ---- registers by operand size ------------------------------------------------------------

    /** Register operand {@code code} (0..15, or 16..19 for AH..BH) of size {@code size}, zero-extended. */
    public long reg(int code, int size) {
        switch (size) {
            case 3: return r[code];
            case 2: return r[code] & 0xffff_ffffL;
            case 1: return r[code] & 0xffff;
            default: return reg8(code);
        }
    }

    /** Byte register operand {@code code} (16..19: AH, CH, DH, BH), zero-extended. */
    public long reg8(int code) {
        return code < 16 ? r[code] & 0xff : (r[code - 16] >>> 8) & 0xff;
    }

    /**
     * Writes register operand {@code code}: 8- and 16-bit writes keep the other bits, a 32-bit
     * write zero-extends to 64 bits.
     */
    public void setReg(int code, int size, long v) {
        switch (size) {
            case 3: r[code] = v; break;
            case 2: r[code] = v & 0xffff_ffffL; break;
            case 1: r[code] = (r[code] & ~0xffffL) | (v & 0xffff); break;
            default:
                if (code < 16) {
                    r[code] = (r[code] & ~0xffL) | (v & 0xff);
                } else {
                    r[code - 16] = (r[code - 16] & ~0xff00L) | ((v & 0xff) << 8);
                }
                break;
        }
    }

    // ---- privilege ----------------------------------------------------------------------------

    /** Changes the CPL; the memory path switches to the user or supervisor translations. */
    public void setCpl(int cpl) {
        if (cpl != this.cpl) {
            this.cpl = cpl;
            mem.selectPrivilege();
            codeVPage = -1;
        }
    }

    /** IOPL from RFLAGS. */
    public int iopl() {
        return (int) (flags >>> X86Arch.IOPL_SHIFT) & 3;
    }

    /** True if the CPU is in 64-bit mode (long mode with a 64-bit code segment). */
    public boolean longMode64() {
        return (efer & X86Arch.EFER_LMA) != 0 && (segAttr[X86Arch.CS] & X86Arch.ATTR_L) != 0;
    }

    // ---- exceptions ---------------------------------------------------------------------------

    /** Abandons the current instruction with exception {@code vector} and error code {@code error}. */
    public X86Fault fault(int vector, int error) {
        faultVector = vector;
        faultError = error;
        throw X86Fault.INSTANCE;
    }

    /** #GP(0). */
    public X86Fault gp0() {
        return fault(X86Arch.GP, 0);
    }

    /** #UD. */
    public X86Fault ud() {
        return fault(X86Arch.UD, 0);
    }

    /** Records rip and the bytes there for the report, then raises #UD. */
    public X86Fault undefined() {
        lastUdRip = rip;
        lastUdLength = mem.peekBytes(rip, 8);
        lastUdBytes = mem.peekedBytes();
        return ud();
    }

    /** Abandons the instruction and stops the CPU: it needs a feature this model lacks. */
    public X86Fault unsupported(String what) {
        fatal(what + " is not implemented (at rip 0x" + Long.toHexString(rip) + ")");
        return fault(UNSUPPORTED, 0);
    }

    /**
     * Stops the CPU for a pseudo-vector fault that nothing serves: {@link #NO_MEMORY},
     * {@link #UNSUPPORTED}, or a {@link #NESTED_PAGE_FAULT} outside guest mode.
     */
    public void fatalFromFault() {
        if (faultVector == NO_MEMORY) {
            fatal("guest-physical address 0x" + Long.toHexString(faultAddress)
                    + " is outside the domain's memory (nested page fault) at rip 0x" + Long.toHexString(rip));
        } else {
            fatal("unsupported operation at rip 0x" + Long.toHexString(rip));
        }
    }

    /** Stops the CPU for good: {@link X86Core#run} returns FATAL and reports {@code reason}. */
    public void fatal(String reason) {
        if (fatalReason == null) {
            fatalReason = reason;
        }
        exit = org.hyperstrand.core.spi.VcpuExit.FATAL;
    }
}
