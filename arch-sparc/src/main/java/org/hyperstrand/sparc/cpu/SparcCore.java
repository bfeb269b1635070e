package org.hyperstrand.sparc.cpu;

import static org.hyperstrand.sparc.cpu.SparcArch.PAGE_OFFSET_MASK;

import java.util.List;
import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.hcall.api.HvErrors;
import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.core.spi.GuestContext;
import org.hyperstrand.core.spi.VcpuCore;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.sparc.decode.CodeCache;
import org.hyperstrand.sparc.decode.DecodedPage;
import org.hyperstrand.sparc.decode.Insn;
import org.hyperstrand.sparc.decode.Op;
import org.hyperstrand.sparc.decode.SparcDecoder;
import org.hyperstrand.sparc.exec.Executor;
import org.hyperstrand.sparc.jit.BlockDispatcher;
import org.hyperstrand.sparc.jit.TranslationConfig;
import org.hyperstrand.sparc.mem.SparcMemory;
import org.hyperstrand.sparc.mmu.Mmu;
import org.hyperstrand.sparc.mmu.PermanentMappings;
import org.hyperstrand.sparc.trap.TrapType;
import org.hyperstrand.sparc.trap.TrapUnit;

/**
 * One sun4v strand: a SPARC V9 / UltraSPARC Architecture 2005 integer CPU that runs guest
 * code in privileged and user mode while the Java hypervisor plays the hyperprivileged part.
 *
 * <h2>Boot protocol</h2>
 * {@link #start(long, long) start(pc, arg)} puts the strand in this state, which a guest's
 * entry code can rely on:
 * <ul>
 *   <li>PC = pc, NPC = pc + 4; pc is a real address (the MMU is off: every address the guest
 *       uses is a real address of its domain);</li>
 *   <li>TL = 0, GL = 0; PSTATE = PRIV only (IE = 0, AM = 0, PEF = 0, big-endian, TSO);
 *       HPSTATE = guest (not hyperprivileged); PIL = 15;</li>
 *   <li>CWP = 0, CANSAVE = 6, CANRESTORE = 0, OTHERWIN = 0, CLEANWIN = 6, WSTATE = 0
 *       (NWINDOWS = 8);</li>
 *   <li>TBA = 0 (the guest must install its trap table before it can take a trap);
 *       RTBA = pc &amp; ~0xff: the guest's watchdog reset entry is RTBA + 0x40;</li>
 *   <li>%o0 = arg; %i0 = real address of the domain's first (lowest) memory block, %i1 = its
 *       size in bytes; every other integer register, every window and global set, Y, CCR,
 *       ASI, FPRS, the FP registers and FSR, SOFTINT, the scratchpad and the queue registers are
 *       0; TICK_CMPR and STICK_CMPR are disabled.</li>
 * </ul>
 *
 * <h2>Hypervisor traps</h2>
 * {@code ta 0x80} (fast call, function in %o5), {@code ta 0xff} (core call, function in %o5)
 * and {@code ta 0x83}/{@code ta 0x84} (hyper-fast calls) from privileged mode end {@link #run}
 * with {@link VcpuExit#HYPERCALL}; %o0-%o4 are in {@link #frame()}. {@link #completeHypercall}
 * puts the status in %o0 and the results in %o1.. (fast: %o1-%o5, core: %o1-%o2, hyper-fast:
 * %o1-%o3) and resumes after the {@code ta}. Other trap numbers 0x81-0xfe get EBADTRAP in %o0
 * without leaving the CPU. A hypercall counts as one retired instruction when it completes.
 * In bare mode ({@link #setBareMode}) those traps instead vector through HTBA to
 * hyperprivileged code, as on hardware. A call that continues elsewhere on success
 * (mmu_enable) sets the place with {@link #continueHypercallAt} before it is completed.
 *
 * <h2>MMU</h2>
 * The sun4v MMU ({@link Mmu}) is off at start. Once the guest turns it on (mmu_enable), fetches
 * and data accesses are virtual: nucleus context 0 at TL &gt; 0, the primary context at TL = 0,
 * alternate spaces as their ASI says, ASI_REAL always real. TLB misses are served from the
 * guest's TSBs and permanent mappings inside {@link #run}; what cannot be served becomes the
 * guest's MMU miss trap.
 *
 * <h2>Execution engine</h2>
 * Instructions are decoded once per 8 KiB host page into {@link DecodedPage}s shared by the
 * CPUs of the machine, and invalidated when the page is written; data accesses go through the
 * software TLB of {@link SparcMemory}. The run loop allocates nothing.
 *
 * <p>Hot blocks are translated to JVM bytecode ({@link org.hyperstrand.sparc.jit}) and run in
 * place of the interpreter where control arrives by a jump, after a block, or after an
 * instruction no block holds. They retire exactly the instructions the interpreter would, never
 * past the run's budget, so instruction counts, scheduling and virtual time do not change; the
 * interpreter alone runs with {@code -Dhv.sparc.jit=false} ({@link #setTranslation}).
 */
public final class SparcCore implements VcpuCore {

    private final GuestContext guest;
    private final int vcpuId;
    private final SparcState s = new SparcState();
    private final SparcMemory mem;
    private final TrapUnit traps;
    private final Mmu mmu;
    /** Where the pending hypercall continues when completed, if {@link #redirectPending}. */
    private long redirectTarget;
    private boolean redirectPending;

    private DecodedPage codePage;
    private long[] codeOps;
    /** Decoded slot for a fetch from a page that cannot be cached. */
    private final long[] uncachedOps = new long[DecodedPage.SLOTS];
    /** The translation tier, or null when the interpreter runs alone. */
    private BlockDispatcher blocks;

    /**
     * A CPU of a domain whose CPUs share {@code code} (decoded instructions) and
     * {@code permanent} (the domain's permanent mappings).
     */
    public SparcCore(GuestContext guest, int vcpuId, CodeCache code, PermanentMappings permanent) {
        this.guest = guest;
        this.vcpuId = vcpuId;
        s.guest = guest;
        this.traps = new TrapUnit(s);
        s.traps = traps;
        this.mem = new SparcMemory(guest, code, s);
        s.mem = mem;
        this.mmu = new Mmu(s, guest, permanent, vcpuId);
        s.mmu = mmu;
        codeOps = uncachedOps;
        setTranslation(TranslationConfig.fromSystemProperties());
    }

    public SparcCore(GuestContext guest, int vcpuId, CodeCache code) {
        this(guest, vcpuId, code, new PermanentMappings());
    }

    public SparcCore(GuestContext guest, int vcpuId) {
        this(guest, vcpuId, new CodeCache());
    }

    /** The strand's MMU, for the MMU hypercalls and for reports. */
    public Mmu mmu() {
        return mmu;
    }

    /** The architectural state, for the hypervisor's SPARC-specific services and for tests. */
    public SparcState state() {
        return s;
    }

    public int vcpuId() {
        return vcpuId;
    }

    /** Turns the translation tier on or off (by default as the system properties say). */
    public void setTranslation(TranslationConfig config) {
        blocks = config.enabled() ? new BlockDispatcher(config) : null;
    }

    /** The translation tier, or null when it is off. */
    public BlockDispatcher translation() {
        return blocks;
    }

    /** Bare mode: hyperprivileged traps vector through HTBA instead of exiting to Java. */
    public void setBareMode(boolean bare) {
        traps.setBareMode(bare);
    }

    /**
     * Forgets every decoded instruction. Stores the guest makes are tracked; a hypervisor
     * service that writes guest code through {@code PhysicalMemory} while the domain runs must
     * call this (loading an image before {@link #start} needs nothing: start does it).
     */
    public void invalidateDecodedCode() {
        mem.code().invalidateAll();
    }

    // ---- VcpuCore ----------------------------------------------------------------------

    @Override
    public void start(long pc, long arg) {
        traps.reset();
        s.reset();
        s.setHpstate(SparcArch.HPSTATE_GUEST);
        s.setPstate(SparcArch.PSTATE_PRIV);
        s.pil = 15;
        s.cansave = SparcArch.NWINDOWS - 2;
        s.cleanwin = SparcArch.NWINDOWS - 2;
        s.rtba = pc & ~0xffL;
        s.r[8] = arg;
        List<MemoryBlock> blocks = guest.realMemory().blocks();
        if (!blocks.isEmpty()) {
            s.r[24] = blocks.get(0).ra();
            s.r[25] = blocks.get(0).size();
        }
        s.pc = pc;
        s.npc = pc + 4;
        // The loader wrote the image behind our back: forget decoded code and translations.
        redirectPending = false;
        mmu.reset();
        mem.updateRegime();
        mem.code().invalidateAll();
        mem.flushAll();
        codePage = null;
        codeOps = uncachedOps;
    }

    @Override
    public int run(long budget) {
        if (s.fatalReason != null) {
            return VcpuExit.FATAL;
        }
        if (budget <= 0) {
            return VcpuExit.BUDGET;
        }
        s.exit = -1;
        long limit = s.retired + budget;
        if (limit < s.retired) {
            limit = Long.MAX_VALUE;
        }
        try {
            mem.synchronize();
            if (codePage != null && !codePage.valid) {
                s.codeBase = -1;
            }
            traps.checkTimers(guest.now());
            if ((s.pc & 3) != 0 || (s.npc & 3) != 0) {
                traps.fatal("PC 0x" + Long.toHexString(s.pc) + " / NPC 0x" + Long.toHexString(s.npc)
                        + " is not 4-byte aligned");
                return VcpuExit.FATAL;
            }
            loop(limit);
        } catch (RuntimeException | StackOverflowError e) {
            traps.fatal("internal error in the CPU model: " + e);
        }
        return s.exit >= 0 ? s.exit : VcpuExit.BUDGET;
    }

    private void loop(long limit) {
        final SparcState s = this.s;
        final BlockDispatcher blocks = this.blocks;
        // a translated block may start where the previous instruction did not lead sequentially
        long sequential = -1;
        // a block ended here: the instruction it left (a TLB miss, a trap) is interpreted, and
        // translated code may take over again right after it rather than at the next jump
        boolean afterBlock = false;
        while (s.retired < limit) {
            if (s.interruptCheck) {
                traps.checkInterrupts();
                if (s.exit >= 0) {
                    return;
                }
            }
            long pc = s.pc;
            if ((pc & ~PAGE_OFFSET_MASK) != s.codeBase && !fetchPage(pc)) {
                if (s.exit >= 0) {
                    return;
                }
                continue;
            }
            int slot = (int) (pc & PAGE_OFFSET_MASK) >>> 2;
            if (pc != sequential && blocks != null && codePage != null) {
                long before = s.retired;
                blocks.enter(codePage, slot, s, limit);
                if (s.retired != before) {
                    sequential = -1;
                    afterBlock = true;
                    continue;
                }
            }
            long d = codeOps[slot];
            if (d == 0) {
                DecodedPage p = codePage;
                d = SparcDecoder.decode((int) SparcMemory.BE32.get(p.chunk, p.chunkOffset + (slot << 2)));
                codeOps[slot] = d;
            }
            int ring = (s.ringPos + 1) & 15;
            s.pcRing[ring] = pc;
            s.ringPos = ring;
            Executor.execute(s, d);
            if (s.exit >= 0) {
                return;
            }
            sequential = !afterBlock && BlockDispatcher.continuesBlock(Insn.op(d)) ? pc + 4 : -1;
            afterBlock = false;
        }
    }

    /**
     * Makes the decoded page of {@code pc} current, or decodes the single instruction when its
     * page cannot be cached. False after raising instruction_access_exception.
     */
    private boolean fetchPage(long pc) {
        long trapSeq = s.trapSeq;
        DecodedPage p = mem.codePage(pc);
        if (p != null) {
            codePage = p;
            codeOps = p.ops;
            s.codeBase = pc & ~PAGE_OFFSET_MASK;
            s.codePaPage = p.paPage;
            return true;
        }
        if (s.trapSeq != trapSeq) {
            return false;  // the MMU delivered an instruction fault
        }
        long pa = mem.instructionPa(pc);
        if (pa < 0) {
            traps.raise(TrapType.INSTRUCTION_ACCESS_EXCEPTION);
            return false;
        }
        codePage = null;
        codeOps = uncachedOps;
        s.codeBase = -1;
        s.codePaPage = -1;
        uncachedOps[(int) (pc & PAGE_OFFSET_MASK) >>> 2] = SparcDecoder.decode(mem.physical().read32BE(pa));
        return true;
    }

    @Override
    public long retired() {
        return s.retired;
    }

    @Override
    public HcallFrame frame() {
        return traps.frame();
    }

    @Override
    public int hypercallKind() {
        return traps.hypercallKind();
    }

    @Override
    public long hypercallNumber() {
        return traps.hypercallNumber();
    }

    @Override
    public void completeHypercall(long status) {
        traps.completeHypercall(status);
        if (redirectPending) {
            redirectPending = false;
            s.pc = redirectTarget;
            s.npc = redirectTarget + 4;
        }
    }

    /**
     * Makes the pending hypercall, when completed, continue at {@code target} (an address in the
     * translation regime in force then) instead of after its trap instruction: mmu_enable's
     * "control continues at target". The status and results are still written.
     */
    public void continueHypercallAt(long target) {
        redirectTarget = target;
        redirectPending = true;
    }

    /** cpu_start on sparc64: rtba must be 256-byte aligned real memory; it becomes RTBA and TBA. */
    @Override
    public long startAt(long pc, long arg, long trapBase) {
        if ((trapBase & 0xff) != 0) {
            return HvErrors.EBADALIGN;
        }
        if (!guest.realMemory().isValid(trapBase, 0x100)) {
            return HvErrors.ENORADDR;
        }
        start(pc, arg);
        s.rtba = trapBase;
        s.tba = trapBase;
        return HvErrors.EOK;
    }

    // ---- interrupts ----------------------------------------------------------------------

    @Override
    public long queueHead(int queue) {
        return s.queue[2 * queue];
    }

    @Override
    public long queueTail(int queue) {
        return s.queue[2 * queue + 1];
    }

    @Override
    public void setQueueRegisters(int queue, long head, long tail) {
        s.queue[2 * queue] = head;
        s.queue[2 * queue + 1] = tail;
        s.interruptCheck = true;
    }

    @Override
    public boolean interruptPending(long now) {
        traps.checkTimers(now);
        return traps.pendingInterrupt() != 0;
    }

    @Override
    public long nextTimerEvent() {
        long next = Long.MAX_VALUE;
        if (s.tickCmprArmed && (s.tickCmpr & SparcArch.CMPR_INT_DIS) == 0) {
            next = Math.min(next, Math.max(0, (s.tickCmpr & ~SparcArch.CMPR_INT_DIS) - s.tickOffset));
        }
        if (s.stickCmprArmed && (s.stickCmpr & SparcArch.CMPR_INT_DIS) == 0) {
            next = Math.min(next, Math.max(0, (s.stickCmpr & ~SparcArch.CMPR_INT_DIS) - s.stickOffset));
        }
        return next;
    }

    @Override
    public void memoryWritten(long pa, long len) {
        if (len <= 0) {
            return;
        }
        long last = (pa + len - 1) >>> SparcArch.PAGE_SHIFT;
        for (long page = pa >>> SparcArch.PAGE_SHIFT; page <= last; page++) {
            mem.invalidateCodePage(page);
        }
    }

    // ---- report ------------------------------------------------------------------------

    /** The MMU's counters: TLB misses per side, how the hypervisor served them, the traps it gave. */
    @Override
    public java.util.Map<String, Long> counters() {
        Mmu.Counters c = mmu.counters();
        java.util.Map<String, Long> m = new java.util.LinkedHashMap<>();
        m.put("itlb misses", c.itlbMisses());
        m.put("dtlb misses", c.dtlbMisses());
        m.put("tsb hits", c.tsbHits());
        m.put("permanent hits", c.permanentHits());
        m.put("tsb misses", c.tsbMisses());
        m.put("fast miss traps", c.fastMissTraps());
        m.put("slow miss traps", c.slowMissTraps());
        m.put("protection traps", c.protectionTraps());
        m.put("access exceptions", c.accessExceptions());
        return m;
    }

    @Override
    public String report() {
        StringBuilder b = new StringBuilder(2048);
        b.append("sparc64 vcpu ").append(vcpuId);
        if (s.fatalReason != null) {
            b.append(": FATAL: ").append(s.fatalReason);
        }
        b.append('\n');
        line(b, "pc", s.pc).append(' ');
        line(b, "npc", s.npc).append("  retired ").append(s.retired).append('\n');
        b.append("tl ").append(s.tl).append("  gl ").append(s.gl());
        b.append("  pstate 0x").append(Integer.toHexString(s.pstate())).append(pstateFlags(s.pstate()));
        b.append("  hpstate 0x").append(Integer.toHexString(s.hpstate())).append(s.hpriv ? " [hpriv]" : " [guest]");
        b.append("  pil ").append(s.pil).append('\n');
        b.append("ccr 0x").append(Integer.toHexString(s.ccr)).append(" (xcc ").append(nzvc(s.xcc()))
                .append(" icc ").append(nzvc(s.icc())).append(")  y 0x").append(Long.toHexString(s.y))
                .append("  asi 0x").append(Integer.toHexString(s.asi)).append("  fprs 0x")
                .append(Integer.toHexString(s.fprs)).append('\n');
        b.append("cwp ").append(s.cwp()).append("  cansave ").append(s.cansave).append("  canrestore ")
                .append(s.canrestore).append("  otherwin ").append(s.otherwin).append("  cleanwin ")
                .append(s.cleanwin).append("  wstate 0x").append(Integer.toHexString(s.wstate)).append('\n');
        line(b, "tba", s.tba).append("  ");
        line(b, "rtba", s.rtba).append("  ");
        line(b, "htba", s.htba).append("  ");
        line(b, "softint", s.softint).append(s.inWatchdog ? "  [in watchdog reset]" : "").append('\n');
        b.append(mmu.describe()).append('\n');
        b.append("trap stack:");
        if (s.tl == 0) {
            b.append(" empty (TL=0)");
        }
        b.append('\n');
        for (int tl = 1; tl <= s.tl && tl < s.tt.length; tl++) {
            b.append("  tl").append(tl).append(": tt 0x").append(Integer.toHexString(s.tt[tl])).append(' ')
                    .append(TrapType.name(s.tt[tl])).append("  tpc 0x").append(Long.toHexString(s.tpc[tl]))
                    .append("  tnpc 0x").append(Long.toHexString(s.tnpc[tl])).append("  tstate 0x")
                    .append(Long.toHexString(s.tstate[tl])).append("  htstate 0x")
                    .append(Long.toHexString(s.htstate[tl])).append('\n');
        }
        String[] banks = {"g", "o", "l", "i"};
        for (int bank = 0; bank < 4; bank++) {
            for (int half = 0; half < 2; half++) {
                for (int j = 0; j < 4; j++) {
                    int reg = bank * 8 + half * 4 + j;
                    b.append(j == 0 ? "" : "  ").append('%').append(banks[bank]).append(half * 4 + j).append(' ');
                    hex16(b, s.r[reg]);
                }
                b.append('\n');
            }
        }
        b.append("last PCs, oldest first:\n");
        for (int k = 1; k <= 16; k++) {
            long pc = s.pcRing[(s.ringPos + k) & 15];
            if (pc == -1) {
                continue;
            }
            b.append("  0x").append(Long.toHexString(pc));
            long word = mem.peekWord(pc);
            if (word >= 0) {
                b.append(": ").append(String.format("%08x", word)).append(' ')
                        .append(Op.name(Insn.op(SparcDecoder.decode((int) word))));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static StringBuilder line(StringBuilder b, String name, long v) {
        return b.append(name).append(" 0x").append(Long.toHexString(v));
    }

    private static void hex16(StringBuilder b, long v) {
        String h = Long.toHexString(v);
        for (int i = h.length(); i < 16; i++) {
            b.append('0');
        }
        b.append(h);
    }

    private static String nzvc(int cc) {
        return "" + ((cc & 8) != 0 ? 'N' : 'n') + ((cc & 4) != 0 ? 'Z' : 'z') + ((cc & 2) != 0 ? 'V' : 'v')
                + ((cc & 1) != 0 ? 'C' : 'c');
    }

    private static String pstateFlags(int p) {
        StringBuilder f = new StringBuilder(" [");
        if ((p & SparcArch.PSTATE_PRIV) != 0) {
            f.append("priv ");
        }
        if ((p & SparcArch.PSTATE_IE) != 0) {
            f.append("ie ");
        }
        if ((p & SparcArch.PSTATE_AM) != 0) {
            f.append("am ");
        }
        if ((p & SparcArch.PSTATE_PEF) != 0) {
            f.append("pef ");
        }
        if ((p & SparcArch.PSTATE_CLE) != 0) {
            f.append("cle ");
        }
        if ((p & SparcArch.PSTATE_TLE) != 0) {
            f.append("tle ");
        }
        if (f.length() > 2) {
            f.setLength(f.length() - 1);
        } else {
            f.append("user");
        }
        return f.append(']').toString();
    }
}
