package org.hyperstrand.x86.cpu;

import static org.hyperstrand.x86.cpu.X86State.RAX;
import static org.hyperstrand.x86.cpu.X86State.RCX;
import static org.hyperstrand.x86.cpu.X86State.RDI;
import static org.hyperstrand.x86.cpu.X86State.RDX;
import static org.hyperstrand.x86.cpu.X86State.RSI;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.core.spi.GuestContext;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.x86.decode.CodeCache;
import org.hyperstrand.x86.decode.DecodedPage;
import org.hyperstrand.x86.decode.Insn;
import org.hyperstrand.x86.decode.Op;
import org.hyperstrand.x86.decode.Specializer;
import org.hyperstrand.x86.decode.X86Decoder;
import org.hyperstrand.x86.exec.Executor;
import org.hyperstrand.x86.exec.Flags;
import org.hyperstrand.x86.mmu.X86Memory;
import org.hyperstrand.x86.svm.SvmUnit;
import org.hyperstrand.x86.svm.Vmcb;

/**
 * One x86-64 virtual CPU: an AMD64 integer CPU in long mode that runs a paravirtualized guest
 * while the Java hypervisor plays the host. Instructions the hypervisor must see (VMMCALL, HLT,
 * a triple fault) end {@link #run} as SVM intercepts will once the CPU runs its guest under an
 * emulated VMRUN; the places where intercepts will be checked are marked with {@link ExitCode}.
 *
 * <h2>Boot protocol</h2>
 * The domain's memory is one block at guest-physical address 0, of {@code size} bytes. The
 * hypervisor reserves its top 16 KiB, at {@code R = size - 16 KiB} (size rounded down to 4 KiB):
 * <ul>
 *   <li>R + 0: the boot GDT: null; 0x08 64-bit code DPL 0; 0x10 data DPL 0; 0x18 64-bit code
 *       DPL 3; 0x20 data DPL 3 (flat, limit 4 GiB);</li>
 *   <li>R + 4 KiB: a PML4 whose entry 0 points to the PDPT (P | RW), every other entry 0;</li>
 *   <li>R + 8 KiB: a PDPT identity-mapping the first 512 GiB with 1 GiB pages (P | RW | PS;
 *       supervisor only, executable), entries present only for the gigabytes holding the
 *       domain's memory;</li>
 *   <li>R + 12 KiB: spare, not touched by the hypervisor.</li>
 * </ul>
 * {@link #start(long, long) start(pc, arg)} writes the three tables (every start writes the
 * same bytes, so a secondary CPU finds them unchanged) and puts the CPU in 64-bit mode:
 * <ul>
 *   <li>CR0 = PE | MP | ET | NE | WP | PG (0x8001_0033); CR4 = PAE | PGE (0xA0); EFER = SCE |
 *       LME | LMA | NXE (0xD01); CR3 = R + 4 KiB; CR2 = CR8 = 0;</li>
 *   <li>GDTR = {base R, limit 0x27}; IDTR = {0, 0}: the guest installs its own IDT, and an
 *       exception before it does is a triple fault; TR and LDTR null;</li>
 *   <li>CS = 0x08 (CPL 0, 64-bit); SS = DS = ES = 0x10; FS = GS = 0 with bases 0;
 *       KERNEL_GS_BASE, STAR, LSTAR, CSTAR, SFMASK = 0; TSC_AUX = vCPU id;</li>
 *   <li>RFLAGS = 0x2 (interrupts off); RIP = pc; RSP = 0 (no stack: the guest sets one up);</li>
 *   <li>RDI = arg (0 for the boot CPU), RSI = 0 (guest-physical address of the memory block),
 *       RDX = size, RCX = R; every other general register 0.</li>
 * </ul>
 * Consequences for guests: the boot tables are supervisor-only, so user mode needs the guest's
 * own page tables (with U/S set), and a GDT with a 64-bit TSS for the stack of interrupts taken
 * from user mode. SYSCALL/SYSRET load selectors from STAR without reading the GDT; SYSRET uses
 * STAR[63:48] + 8 for SS and + 16 for CS, so a GDT meant for SYSRET lists user data before user
 * code (the boot GDT lists code at 0x18 and data at 0x20).
 *
 * <h2>Host mode and guest mode</h2>
 * The CPU runs in two ways. The Java hypervisor runs a guest with {@link #vmrun}: VMRUN of a
 * VMCB ({@link SvmUnit}), then the guest's instructions until a #VMEXIT, which returns to the
 * hypervisor with the exit in the VMCB; the budget running out is the hypervisor's quantum
 * timer, a physical interrupt (exit INTR). {@link #run} runs the CPU in host mode, where
 * nothing is intercepted: CPU-level tests ("bare" programs) use it; HLT ends it with
 * {@link VcpuExit#HALT} (RIP after the HLT) and a triple fault with {@link VcpuExit#FATAL}.
 * VMMCALL and the other SVM instructions raise #UD unless a VMCB intercepts them.
 *
 * <p>A feature this model does not implement (compatibility mode, leaving long mode), and in
 * host mode a guest-physical access outside the domain's memory or a failed nested walk, stop
 * the CPU for good ({@link VcpuExit#FATAL}); {@link #report} says why.
 *
 * <h2>Execution engine</h2>
 * Instructions are decoded once, into {@link DecodedPage}s kept per 4 KiB host page and shared
 * by the CPUs on the same memory, and invalidated when the page is written (self-modifying code
 * works, the next instruction sees the store). A decoded instruction enters the cache in its
 * specialized form where it has one ({@link Specializer}), and a flag-setting op followed by a
 * Jcc is marked so the loop runs the Jcc straight after it, still retiring two instructions.
 * The loop runs straight-line runs from the current decoded page and does its bookkeeping per
 * run: the report's last instructions are decoded back from the runs ({@link RunHistory}).
 * Data accesses go through the software TLB of {@link X86Memory}; flags are lazy
 * ({@link Flags}). The run loop allocates nothing.
 */
public final class X86Core {

    private final GuestContext guest;
    private final int vcpuId;
    private final X86State s = new X86State();
    private final X86Memory mem;
    private final InterruptUnit interrupts;
    private final X86Decoder decoder = new X86Decoder();
    private final byte[] fetchBuffer = new byte[X86Decoder.MAX_LENGTH];
    private final int[] cpuidOut = new int[4];
    private final long[] wideScratch = new long[2];
    private final SvmUnit svm;

    private DecodedPage codePage;
    private long[] codeOps;
    private long uncachedDecodes;
    /** Word b of the instruction the last decodeCached / decodeUncached returned. */
    private long decodedB;

    /** A CPU of a domain whose CPUs (and any others on the same memory) share {@code code}. */
    public X86Core(GuestContext guest, int vcpuId, CodeCache code) {
        this.guest = guest;
        this.vcpuId = vcpuId;
        s.guest = guest;
        s.core = this;
        this.mem = new X86Memory(guest, code, s);
        s.mem = mem;
        this.interrupts = new InterruptUnit(s);
        this.svm = new SvmUnit(s, interrupts);
        codeOps = new long[2];
        s.tscAux = vcpuId;
        s.fatalReason = "not started";
    }

    public X86Core(GuestContext guest, int vcpuId) {
        this(guest, vcpuId, new CodeCache());
    }

    /** The architectural state, for x86-specific hypervisor services and for tests. */
    public X86State state() {
        return s;
    }

    public int vcpuId() {
        return vcpuId;
    }

    public InterruptUnit interrupts() {
        return interrupts;
    }

    /** The SVM unit: VMRUN, #VMEXIT, VMLOAD/VMSAVE for the hypervisor. */
    public SvmUnit svm() {
        return svm;
    }

    /**
     * Forgets every decoded instruction. Guest stores are tracked; a hypervisor service that
     * writes guest code through {@code PhysicalMemory} while the domain runs calls
     * {@link #memoryWritten} or this.
     */
    public void invalidateDecodedCode() {
        mem.code().invalidateAll();
        s.codeVPage = -1;
    }

    // ---- SVM hooks of the execution code ------------------------------------------------------

    /**
     * The intercept check of an instruction or event point, called only in guest mode: true if
     * the VMCB intercepts it and the #VMEXIT happened (the instruction then does nothing more).
     */
    public boolean intercept(int exitCode, long info1, long info2) {
        return svm.intercept(exitCode, info1, info2);
    }

    /** The IOIO intercept check (guest mode): see {@link SvmUnit#ioIntercept}. */
    public boolean ioIntercept(int port, int size, boolean in, boolean string, boolean rep, int addrSize, int seg) {
        return svm.ioIntercept(port, size, in, string, rep, addrSize, seg);
    }

    /**
     * Port I/O that no intercept took, the one place IN, OUT, INS and OUTS reach: no device
     * sits on this CPU's own ports (the hypervisor emulates devices behind IOIO exits), so an
     * IN reads all ones and an OUT is dropped.
     *
     * @param size operand size index (0, 1, 2)
     * @return for an IN, the value read
     */
    public long portIo(int port, int size, boolean in, long value) {
        return in ? X86State.MASK[size] : 0;
    }

    /** CPUID for the current EAX/ECX (exec.SystemOps has done the intercept check). */
    public void cpuid() {
        Cpuid.leaf((int) s.r[RAX], (int) s.r[RCX], vcpuId, cpuidOut);
        s.r[RAX] = cpuidOut[0] & 0xffff_ffffL;
        s.r[X86State.RBX] = cpuidOut[1] & 0xffff_ffffL;
        s.r[RCX] = cpuidOut[2] & 0xffff_ffffL;
        s.r[RDX] = cpuidOut[3] & 0xffff_ffffL;
    }

    /** Scratch for CMPXCHG16B. */
    public long[] wideScratch() {
        return wideScratch;
    }

    /** INT n, INT3, INT1: delivered at once, returning after the instruction. */
    public void softwareInterrupt(int vector, int kind, int len) {
        interrupts.raise(vector, 0, kind, s.rip + len);
    }

    // ---- reset, host-mode run, VMRUN ------------------------------------------------------------

    /**
     * Resets the CPU into the boot protocol's state (in host mode): the tables in the domain's
     * reserved top 16 KiB, long mode, RIP = {@code pc}, RDI = {@code arg}. The hypervisor
     * composes a guest's first state this way and captures it into the VMCB.
     */
    public void start(long pc, long arg) {
        List<MemoryBlock> blocks = guest.realMemory().blocks();
        MemoryBlock block = blocks.isEmpty() ? null : blocks.get(0);
        for (int i = 0; i < 16; i++) {
            s.r[i] = 0;
        }
        svm.reset();
        s.exit = -1;
        s.fatalReason = null;
        s.interruptShadow = false;
        s.lastUdRip = -1;
        s.history.clear();
        java.util.Arrays.fill(s.dr, 0);
        s.dr[6] = 0xffff_0ff0L;
        s.dr[7] = 0x400;
        if (block == null || !BootLayout.fits(block)) {
            s.fatal("the x86-64 boot protocol needs one memory block at guest-physical 0 larger than 16 KiB; got "
                    + blocks);
            return;
        }
        long reserved = BootLayout.reservedBase(block);
        mem.code().invalidateAll();                             // the loader wrote the image behind our back
        BootLayout.write(mem, block);

        s.cr0 = X86Arch.CR0_PE | X86Arch.CR0_MP | X86Arch.CR0_ET | X86Arch.CR0_NE | X86Arch.CR0_WP | X86Arch.CR0_PG;
        s.cr4 = X86Arch.CR4_PAE | X86Arch.CR4_PGE;
        s.efer = X86Arch.EFER_SCE | X86Arch.EFER_LME | X86Arch.EFER_LMA | X86Arch.EFER_NXE;
        s.cr3 = reserved + BootLayout.PML4_OFFSET;
        s.cr2 = 0;
        s.cr8 = 0;
        s.gdtBase = reserved + BootLayout.GDT_OFFSET;
        s.gdtLimit = BootLayout.GDT_LIMIT;
        s.idtBase = 0;
        s.idtLimit = 0;
        s.trSel = 0;
        s.trBase = 0;
        s.trLimit = 0;
        s.trAttr = 0;
        s.ldtrSel = 0;
        s.ldtrBase = 0;
        s.ldtrLimit = 0;
        s.ldtrAttr = 0;
        for (int seg = 0; seg < 6; seg++) {
            s.segSel[seg] = seg == X86Arch.FS || seg == X86Arch.GS ? 0 : BootLayout.SEL_KERNEL_DATA;
            s.segBase[seg] = 0;
            s.segLimit[seg] = seg == X86Arch.FS || seg == X86Arch.GS ? 0 : 0xffff_ffffL;
            s.segAttr[seg] = seg == X86Arch.FS || seg == X86Arch.GS ? 0
                    : X86Arch.packAttributes(BootLayout.KERNEL_DATA) | 1;
        }
        s.segSel[X86Arch.CS] = BootLayout.SEL_KERNEL_CODE;
        s.segAttr[X86Arch.CS] = X86Arch.packAttributes(BootLayout.KERNEL_CODE) | 1;
        s.kernelGsBase = 0;
        s.star = 0;
        s.lstar = 0;
        s.cstar = 0;
        s.sfmask = 0;
        s.tscAux = vcpuId;
        s.pat = X86Arch.PAT_DEFAULT;
        s.flags = X86Arch.RESERVED_1;
        Flags.setEager(s, 0);
        s.cpl = 0;
        mem.selectPrivilege();
        mem.flush();
        codePage = null;
        s.codeVPage = -1;
        s.codePaPage = -1;

        s.rip = pc;
        s.r[RDI] = arg;
        s.r[RSI] = block.ra();
        s.r[RDX] = block.size();
        s.r[RCX] = reserved;
    }

    /**
     * Runs in host mode for up to {@code budget} instructions: HALT, FATAL or BUDGET (bare
     * programs; see the class comment).
     */
    public int run(long budget) {
        if (s.fatalReason != null) {
            return VcpuExit.FATAL;
        }
        if (budget <= 0) {
            return VcpuExit.BUDGET;
        }
        svm.leaveGuestState();
        s.exit = -1;
        runLoop(budget);
        return s.exit >= 0 ? s.exit : VcpuExit.BUDGET;
    }

    /**
     * VMRUN of {@code vmcb} by the hypervisor, then the guest until a #VMEXIT: returns
     * {@link SvmUnit#EXIT} with the exit in the VMCB (VMEXIT_INVALID if VMRUN's checks failed),
     * or {@link VcpuExit#FATAL} when the CPU model had to stop ({@link #report} says why).
     * After {@code budget} instructions the guest exits with INTR.
     */
    public int vmrun(Vmcb vmcb, long budget) {
        if (s.fatalReason != null) {
            return VcpuExit.FATAL;
        }
        s.exit = -1;
        try {
            if (!svm.vmrun(vmcb)) {
                return s.fatalReason != null ? VcpuExit.FATAL : SvmUnit.EXIT;
            }
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException) {
                throw e;
            }
            s.fatal("internal error in the CPU model: " + e);
            return VcpuExit.FATAL;
        }
        runLoop(Math.max(budget, 1));
        if (s.exit < 0 && s.guestMode) {
            svm.vmexit(ExitCode.INTR, 0, 0);
        }
        return s.exit == VcpuExit.FATAL ? VcpuExit.FATAL : SvmUnit.EXIT;
    }

    private void runLoop(long budget) {
        long limit = s.retired + budget;
        if (limit < s.retired) {
            limit = Long.MAX_VALUE;
        }
        try {
            mem.synchronize();
            s.codeVPage = -1;
            loop(limit);
        } catch (RuntimeException | StackOverflowError e) {
            s.fatal("internal error in the CPU model: " + e);
        }
    }

    /**
     * Runs instructions in straight-line runs: the first instruction of a run is fetched through
     * the code TLB (or decoded), the ones after it straight from the current decoded page while
     * each falls through to the next. A run ends at a taken branch, a fault, an exit, the end of
     * the page or of the budget, or a pending event; only then are its two ends recorded for
     * reports and NRIP brought up to date (see {@link X86State#nextRip}).
     */
    private void loop(long limit) {
        final X86State s = this.s;
        while (s.retired < limit) {
            long first = s.rip;
            long rip = first;
            long a = 0;
            try {
                if (s.vIrq || s.interruptShadow) {
                    svm.eventBoundary();
                    if (s.exit >= 0) {
                        return;
                    }
                    first = s.rip;
                    rip = first;
                }
                long b;
                if ((rip >>> 12) == s.codeVPage) {
                    int off = (int) rip & 0xfff;
                    a = DecodedPage.word(codeOps, off);
                    if (a != 0) {
                        b = codeOps[(off << 1) + 1];
                    } else {
                        a = decodeCached(off, rip);
                        b = decodedB;
                    }
                } else {
                    if (enterCodePage(rip)) {
                        continue;
                    }
                    a = decodeUncached(rip);
                    b = decodedB;
                }
                for (;;) {
                    Executor.execute(s, a, b);
                    if (s.exit >= 0) {
                        if (s.exit == VcpuExit.HALT) {
                            s.retired++;
                        }
                        endRun(first, rip, a);
                        return;
                    }
                    s.retired++;
                    long next = rip + Insn.len(a);
                    if ((a & Insn.FUSED) != 0 && s.retired < limit && !s.vIrq && !s.interruptShadow
                            && (rip >>> 12) == s.codeVPage) {
                        rip = next;
                        a = fusedJcc(s, (int) next & 0xfff);
                        next = rip + Insn.len(a);
                    }
                    if (s.rip != next || s.retired >= limit || s.vIrq || s.interruptShadow
                            || (next >>> 12) != s.codeVPage) {
                        break;
                    }
                    int off = (int) next & 0xfff;
                    long na = DecodedPage.word(codeOps, off);
                    if (na == 0) {
                        break;
                    }
                    b = codeOps[(off << 1) + 1];
                    a = na;
                    rip = next;
                }
                endRun(first, rip, a);
            } catch (X86Fault f) {
                if (a != 0) {
                    endRun(first, rip, a);                      // the faulting instruction had started
                }
                if (!deliverFault()) {
                    return;
                }
            } catch (RuntimeException | StackOverflowError e) {
                if (a != 0) {
                    endRun(first, rip, a);                      // so the report shows where it happened
                }
                throw e;
            }
        }
    }

    /**
     * Makes the decoded page of fetch address {@code rip} the current code page; false if it
     * cannot be cached (then the instruction is decoded uncached). Kept out of the loop, as
     * the other rare paths, so the loop the JIT compiles is only the hot path.
     */
    private boolean enterCodePage(long rip) {
        DecodedPage p = mem.codePage(rip);
        if (p == null) {
            return false;
        }
        codePage = p;
        codeOps = p.ops;
        s.codeVPage = rip >>> 12;
        s.codePaPage = p.paPage;
        return true;
    }

    /** Delivers the fault just raised; false if the loop must stop (an exit, or the CPU stopped). */
    private boolean deliverFault() {
        if (s.faultVector < 0) {
            pseudoFault();
            return false;
        }
        interrupts.raise(s.faultVector, s.faultError, InterruptUnit.EXCEPTION, s.rip);
        return s.exit < 0;
    }

    /** A run from {@code first} to the instruction {@code a} at {@code last} ended. */
    private void endRun(long first, long last, long a) {
        s.history.record(first, last);
        s.nextRip = last + Insn.len(a);
    }

    /**
     * Runs the Jcc that follows a FUSED op, at page offset {@code off}, without fetching it: its
     * slot on the same decoded page was published before the op's ({@link #fuseWithJcc}), and
     * the caller has checked that nothing could have happened between the two: the op retired,
     * the budget has room for the Jcc, no event is pending, and the page is still the current
     * code page (the op's page walk, if any, did not invalidate it). Returns the Jcc's word a.
     */
    private long fusedJcc(X86State s, int off) {
        int slot = off << 1;
        long[] ops = codeOps;
        long ja = ops[slot];
        long jb = ops[slot + 1];
        long next = s.rip + Insn.len(ja);
        s.rip = Flags.branchCond(s, Insn.ext(ja)) ? next + Insn.imm(jb) : next;
        s.retired++;
        return ja;
    }

    /**
     * A fault with a pseudo-vector: in a guest, a failed nested walk is the NPF #VMEXIT;
     * anything else stops the CPU.
     */
    public void pseudoFault() {
        if (s.guestMode && s.faultVector == X86State.NESTED_PAGE_FAULT) {
            svm.vmexit(ExitCode.NPF, s.npfInfo1, s.faultAddress);
            return;
        }
        s.fatalFromFault();
    }

    /** Decodes the instruction at byte {@code off} of the current page into it; or uncached if it crosses the page. */
    private long decodeCached(int off, long rip) {
        DecodedPage p = codePage;
        int len = decoder.decode(p.chunk, p.chunkOffset + off, DecodedPage.SIZE - off);
        if (len > 0) {
            long a = Specializer.specialize(decoder.a);
            long b = decoder.b;
            // mark, fence, re-check: a store that raced with the decode is never lost (DecodedPage)
            p.markCovered(off, len);
            if (decoder.sameBytes(p.chunk, p.chunkOffset + off, len) && p.valid) {
                p.publish(off, a, b);
                if (Specializer.fusable(a)) {
                    fuseWithJcc(p, off, len, a, b);
                }
            }
            decodedB = b;
            return a;
        }
        if (len == X86Decoder.TOO_LONG) {
            throw s.gp0();
        }
        return decodeUncached(rip);
    }

    /**
     * Marks the published instruction at {@code off} FUSED when a Jcc follows it on the same
     * page, after publishing the Jcc's own slot (its bytes marked and re-checked as for any
     * decode), so the run loop can take the Jcc from there.
     */
    private void fuseWithJcc(DecodedPage p, int off, int len, long a, long b) {
        int at = off + len;
        if (at >= DecodedPage.SIZE) {
            return;
        }
        int jccLen = decoder.decode(p.chunk, p.chunkOffset + at, DecodedPage.SIZE - at);
        if (jccLen <= 0) {
            return;
        }
        if (Insn.op(decoder.a) != Op.JCC) {
            return;
        }
        p.markCovered(at, jccLen);
        if (decoder.sameBytes(p.chunk, p.chunkOffset + at, jccLen) && p.valid) {
            p.publish(at, decoder.a, decoder.b);
            p.publish(off, a | Insn.FUSED, b);
        }
    }

    /** Fetches through the MMU and decodes without caching (uncacheable page, page-crossing instruction). */
    private long decodeUncached(long rip) {
        uncachedDecodes++;
        int n = mem.fetchInto(rip, fetchBuffer, 0, X86Decoder.MAX_LENGTH);
        int len = decoder.decode(fetchBuffer, 0, n);
        if (len == X86Decoder.NEED_MORE) {
            n += mem.fetchInto(rip + n, fetchBuffer, n, X86Decoder.MAX_LENGTH - n);
            len = decoder.decode(fetchBuffer, 0, n);
        }
        if (len < 0) {
            throw s.gp0();
        }
        decodedB = decoder.b;
        return Specializer.specialize(decoder.a);
    }

    /** Instructions retired since creation. */
    public long retired() {
        return s.retired;
    }

    /** Drops decoded instructions of host memory [pa, pa+len) that the hypervisor wrote behind the CPU's back. */
    public void memoryWritten(long pa, long len) {
        if (len <= 0) {
            return;
        }
        long last = (pa + len - 1) >>> X86Arch.PAGE_SHIFT;
        for (long page = pa >>> X86Arch.PAGE_SHIFT; page <= last; page++) {
            mem.invalidateCodePage(page);
        }
    }

    // ---- report ---------------------------------------------------------------------------------

    /** Counters for reports. */
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("data tlb misses", mem.dataMisses());
        m.put("code tlb misses", mem.codeMisses());
        m.put("page walks", mem.walker().walks);
        m.put("tlb flushes", mem.flushes());
        m.put("decoded pages", (long) mem.code().size());
        m.put("uncached decodes", uncachedDecodes);
        m.put("exceptions delivered", s.exceptionsDelivered);
        m.put("vmexits", svm.exits);
        return m;
    }

    /** Registers, the last exception and the last instructions, for a domain's failure report. */
    public String report() {
        StringBuilder b = new StringBuilder(2048);
        b.append("x86_64 vcpu ").append(vcpuId);
        if (s.fatalReason != null) {
            b.append(": FATAL: ").append(s.fatalReason);
        }
        b.append('\n');
        b.append("rip 0x").append(Long.toHexString(s.rip)).append("  rflags 0x")
                .append(Long.toHexString(Flags.rflags(s))).append(' ').append(flagNames(Flags.rflags(s)))
                .append("  cpl ").append(s.cpl).append("  retired ").append(s.retired).append('\n');
        String[] names = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
            "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};
        for (int i = 0; i < 16; i++) {
            b.append(i % 4 == 0 ? "" : "  ").append(String.format("%-3s ", names[i]));
            hex16(b, s.r[i]);
            if (i % 4 == 3) {
                b.append('\n');
            }
        }
        b.append("cr0 0x").append(Long.toHexString(s.cr0)).append("  cr2 0x").append(Long.toHexString(s.cr2))
                .append("  cr3 0x").append(Long.toHexString(s.cr3)).append("  cr4 0x").append(Long.toHexString(s.cr4))
                .append("  cr8 0x").append(Long.toHexString(s.cr8)).append("  efer 0x")
                .append(Long.toHexString(s.efer)).append('\n');
        for (int seg = 0; seg < 6; seg++) {
            b.append(seg == 0 ? "" : "  ").append(X86Arch.SEGMENT_NAMES[seg]).append(" 0x")
                    .append(Integer.toHexString(s.segSel[seg]));
        }
        b.append("  fs.base 0x").append(Long.toHexString(s.segBase[X86Arch.FS])).append("  gs.base 0x")
                .append(Long.toHexString(s.segBase[X86Arch.GS])).append("  kernel_gs 0x")
                .append(Long.toHexString(s.kernelGsBase)).append('\n');
        b.append("gdtr 0x").append(Long.toHexString(s.gdtBase)).append('/').append(Integer.toHexString(s.gdtLimit))
                .append("  idtr 0x").append(Long.toHexString(s.idtBase)).append('/')
                .append(Integer.toHexString(s.idtLimit)).append("  tr 0x").append(Integer.toHexString(s.trSel))
                .append(" base 0x").append(Long.toHexString(s.trBase)).append('\n');
        String last = interrupts.lastEvent();
        if (last != null) {
            b.append("last exception delivered: ").append(last).append('\n');
        }
        if (s.lastUdRip >= 0) {
            b.append("last #UD at rip 0x").append(Long.toHexString(s.lastUdRip)).append(", bytes ");
            appendBytes(b, s.lastUdBytes, s.lastUdLength);
            b.append(" (an invalid or unimplemented instruction)\n");
        }
        if (s.guestMode) {
            b.append("in guest mode (between VMRUN and #VMEXIT)\n");
        }
        b.append("last instructions, oldest first:\n");
        X86Decoder d = new X86Decoder();
        byte[] buf = new byte[X86Decoder.MAX_LENGTH];
        for (long rip : s.history.lastInstructions(RunHistory.SIZE, at -> decodeForReport(d, buf, at))) {
            b.append("  0x").append(Long.toHexString(rip)).append(": ");
            int len = decodeForReport(d, buf, rip);
            int readable = mem.peekBytes(rip, 8);
            appendBytes(b, mem.peekedBytes(), len > 0 ? len : readable);
            if (len > 0) {
                b.append("  ").append(Op.name(Insn.op(d.a)));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * Decodes the instruction at {@code rip} for a report, without faults or accessed bits:
     * its length, 0 or less if it cannot be read or decoded.
     */
    private int decodeForReport(X86Decoder d, byte[] buf, long rip) {
        int high = mem.peekBytes(rip + 8, X86Decoder.MAX_LENGTH - 8);
        long highBytes = mem.peekedBytes();
        int low = mem.peekBytes(rip, 8);
        long lowBytes = mem.peekedBytes();
        for (int i = 0; i < 8; i++) {
            buf[i] = (byte) (lowBytes >>> (8 * i));
        }
        for (int i = 0; i < X86Decoder.MAX_LENGTH - 8; i++) {
            buf[8 + i] = (byte) (highBytes >>> (8 * i));
        }
        return d.decode(buf, 0, low < 8 ? low : 8 + high);
    }

    private static void appendBytes(StringBuilder b, long bytes, int n) {
        for (int i = 0; i < Math.min(n, 8); i++) {
            b.append(i == 0 ? "" : " ").append(String.format("%02x", (bytes >>> (8 * i)) & 0xff));
        }
    }

    private static void hex16(StringBuilder b, long v) {
        String h = Long.toHexString(v);
        for (int i = h.length(); i < 16; i++) {
            b.append('0');
        }
        b.append(h);
    }

    private static String flagNames(long f) {
        StringBuilder b = new StringBuilder("[");
        String[] names = {"cf", "", "pf", "", "af", "", "zf", "sf", "tf", "if", "df", "of"};
        for (int i = 0; i < names.length; i++) {
            if (!names[i].isEmpty() && (f & (1L << i)) != 0) {
                b.append(b.length() > 1 ? " " : "").append(names[i]);
            }
        }
        return b.append(']').toString();
    }
}
