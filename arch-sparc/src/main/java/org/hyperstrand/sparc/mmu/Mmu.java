package org.hyperstrand.sparc.mmu;

import static org.hyperstrand.core.hcall.api.HvConstants.FAULT_TYPE_INV_PGSZ;
import static org.hyperstrand.core.hcall.api.HvConstants.FAULT_TYPE_INV_RA;
import static org.hyperstrand.core.hcall.api.HvConstants.FAULT_TYPE_INV_VA;
import static org.hyperstrand.core.hcall.api.HvConstants.FAULT_TYPE_MMU_MISS;
import static org.hyperstrand.core.hcall.api.HvConstants.FAULT_TYPE_PRIV_VIOL;
import static org.hyperstrand.core.hcall.api.HvConstants.FAULT_TYPE_PROT_VIOL;
import static org.hyperstrand.core.hcall.api.HvConstants.FAULT_TYPE_UNALIGNED;
import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FAULT_AREA_D_FAULT_ADDR_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FAULT_AREA_D_FAULT_CTX_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FAULT_AREA_I_FAULT_ADDR_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FAULT_AREA_I_FAULT_CTX_OFFSET;
import static org.hyperstrand.core.hcall.api.HvConstants.MMU_FAULT_AREA_I_FAULT_TYPE_OFFSET;

import org.hyperstrand.core.spi.GuestContext;
import org.hyperstrand.sparc.cpu.SparcArch;
import org.hyperstrand.sparc.cpu.SparcState;
import org.hyperstrand.sparc.trap.TrapType;

/**
 * The sun4v MMU of one strand, as the hypervisor presents it to the guest: translation on or
 * off (mmu_enable), an instruction and a data {@link Tlb}, the TSBs the guest registered and the
 * permanent mappings ({@link TsbWalker}), and the fault status area (mmu_fault_area_conf).
 *
 * <p>The CPU's software TLB ({@code mem.SparcMemory}) calls {@link #translateData} and
 * {@link #translateFetch} when it misses. They look in the TLB; on a TLB miss they search the
 * TSBs and permanent mappings, translate the TTE's real address through the domain's memory
 * map and load the TLB, all without leaving the CPU's run loop. When the search fails the guest
 * gets the MMU miss trap (section 6.3 of the sun4v API reference):
 *
 * <ul>
 *   <li>slow miss, instruction/data_access_MMU_miss (0x09/0x31), when at least one TSB is
 *       registered for the context class: the fault area gets type MMU_MISS, the page address
 *       and the context;</li>
 *   <li>fast miss, fast_instruction/data_access_MMU_miss (0x64/0x68), when none is: only the
 *       address and context are written; the guest's handler usually loads the TLB itself with
 *       mmu_map_addr.</li>
 * </ul>
 *
 * A store to a page without TTE.W is fast_data_access_protection (0x6c, address and context).
 * A user-mode access to a TTE.P page, an instruction fetch from a page without TTE.X, a VA
 * outside the 48-bit range, a TTE with an unsupported page size or a real address outside the
 * domain are instruction/data_access_exception (0x08/0x30) with the matching fault type. With
 * no fault area configured any MMU fault is a guest error: the guest's watchdog reset.
 *
 * <p>Not modelled: the TTE's NFO, E (side effect) and IE (invert endianness) bits, and the
 * no-fault semantics of ASI_*_NOFAULT beyond what the memory path does without an MMU.
 */
public final class Mmu {

    /** Entries of the instruction TLB (as on UltraSPARC T2). */
    public static final int ITLB_ENTRIES = 64;
    /** Entries of the data TLB (as on UltraSPARC T2). */
    public static final int DTLB_ENTRIES = 128;
    /** TSBs per context class, the machine description's {@code mmu-max-#tsbs}. */
    public static final int MAX_TSBS = 4;
    /** Contexts: 13-bit context numbers. */
    public static final int CONTEXTS = 1 << 13;
    /** Highest ctx_idx of a TSB descriptor other than shared: primary (0) and secondary (1). */
    public static final int MAX_CTX_INDEX = 1;

    /** What a fault writes into the type field when it writes none (fast misses and protection). */
    private static final long NO_TYPE = Long.MIN_VALUE;
    private static final long PAGE_MASK = ~((long) SparcArch.PAGE_SIZE - 1);

    /** Per-CPU event counts since the CPU was created. */
    public record Counters(long itlbMisses, long dtlbMisses, long tsbHits, long permanentHits, long tsbMisses,
            long fastMissTraps, long slowMissTraps, long protectionTraps, long accessExceptions) {

        /** TLB misses of both sides: each one searched the TSBs and permanent mappings. */
        public long tlbMisses() {
            return itlbMisses + dtlbMisses;
        }
    }

    private final SparcState s;
    private final GuestContext guest;
    private final PermanentMappings permanent;
    private final int cpu;
    private final Tlb itlb;
    private final Tlb dtlb;
    private final TsbWalker walker;

    private boolean enabled;
    private long faultArea;

    private long itlbMisses;
    private long dtlbMisses;
    private long tsbHits;
    private long permanentHits;
    private long tsbMisses;
    private long fastMissTraps;
    private long slowMissTraps;
    private long protectionTraps;
    private long accessExceptions;

    public Mmu(SparcState s, GuestContext guest, PermanentMappings permanent, int cpu) {
        this.s = s;
        this.guest = guest;
        this.permanent = permanent;
        this.cpu = cpu;
        this.itlb = new Tlb(ITLB_ENTRIES, (va, shift, ctx) -> s.mem.invalidateVirtual(va, shift, ctx, false, true));
        this.dtlb = new Tlb(DTLB_ENTRIES, (va, shift, ctx) -> s.mem.invalidateVirtual(va, shift, ctx, true, false));
        this.walker = new TsbWalker(guest, permanent, cpu);
    }

    // ---- state ----------------------------------------------------------------------------

    /** True while addresses are virtual (mmu_enable). */
    public boolean enabled() {
        return enabled;
    }

    /** Turns translation on or off; the CPU's accesses follow from the next one on. */
    public void setEnabled(boolean on) {
        enabled = on;
        s.mem.updateRegime();
    }

    /** Real address of the fault status area, 0 if none. */
    public long faultArea() {
        return faultArea;
    }

    public void setFaultArea(long ra) {
        faultArea = ra;
    }

    public TsbWalker walker() {
        return walker;
    }

    public PermanentMappings permanentMappings() {
        return permanent;
    }

    public Tlb itlb() {
        return itlb;
    }

    public Tlb dtlb() {
        return dtlb;
    }

    /** The MMU state of a CPU that (re)starts: off, no TSBs, no fault area, empty TLBs, no permanent mappings. */
    public void reset() {
        enabled = false;
        faultArea = 0;
        walker.reset();
        itlb.flush();
        dtlb.flush();
        permanent.forget(cpu);
    }

    /** The guest's watchdog reset turns translation off; everything else stays. */
    public void watchdogReset() {
        if (enabled) {
            setEnabled(false);
        }
    }

    public Counters counters() {
        return new Counters(itlbMisses, dtlbMisses, tsbHits, permanentHits, tsbMisses, fastMissTraps, slowMissTraps,
                protectionTraps, accessExceptions);
    }

    // ---- translation (the software TLB's miss path) -----------------------------------------

    /**
     * The real address of a data access to {@code va} in context {@code ctx}, with privileged
     * ({@code priv}) or user permissions; or -1 after delivering the MMU trap that stops it.
     */
    public long translateData(long va, int ctx, boolean priv, boolean write) {
        if (!Tte.validVa(va)) {
            exception(TrapType.DATA_ACCESS_EXCEPTION, false, FAULT_TYPE_INV_VA, va, ctx);
            return -1;
        }
        int e = dtlb.lookup(va, ctx);
        if (e < 0) {
            dtlbMisses++;
            e = refill(dtlb, va, ctx, false);
            if (e < 0) {
                return -1;
            }
        }
        long tte = dtlb.tte(e);
        if (!priv && (tte & Tte.P) != 0) {
            exception(TrapType.DATA_ACCESS_EXCEPTION, false, FAULT_TYPE_PRIV_VIOL, va, ctx);
            return -1;
        }
        if (write && (tte & Tte.W) == 0) {
            protectionTraps++;
            fault(TrapType.FAST_DATA_ACCESS_PROTECTION, false, NO_TYPE, va & PAGE_MASK, ctx);
            return -1;
        }
        return dtlb.ra(e) + (va - dtlb.va(e));
    }

    /**
     * The real address of an instruction fetch from {@code va} in context {@code ctx}; or -1
     * after delivering the MMU trap that stops it.
     */
    public long translateFetch(long va, int ctx, boolean priv) {
        if (!Tte.validVa(va)) {
            exception(TrapType.INSTRUCTION_ACCESS_EXCEPTION, true, FAULT_TYPE_INV_VA, va, ctx);
            return -1;
        }
        int e = itlb.lookup(va, ctx);
        if (e < 0) {
            itlbMisses++;
            e = refill(itlb, va, ctx, true);
            if (e < 0) {
                return -1;
            }
        }
        long tte = itlb.tte(e);
        if (!priv && (tte & Tte.P) != 0) {
            exception(TrapType.INSTRUCTION_ACCESS_EXCEPTION, true, FAULT_TYPE_PRIV_VIOL, va, ctx);
            return -1;
        }
        if ((tte & Tte.X) == 0) {
            exception(TrapType.INSTRUCTION_ACCESS_EXCEPTION, true, FAULT_TYPE_PROT_VIOL, va, ctx);
            return -1;
        }
        return itlb.ra(e) + (va - itlb.va(e));
    }

    /**
     * Services a TLB miss: searches the TSBs and permanent mappings and loads the TLB; the
     * entry, or -1 after delivering the miss (or the exception for a bad TTE).
     */
    private int refill(Tlb tlb, long va, int ctx, boolean fetch) {
        long tte = walker.search(va, ctx, fetch);
        if (tte == 0) {
            tsbMisses++;
            if (walker.configuredFor(ctx)) {
                slowMissTraps++;
                fault(fetch ? TrapType.INSTRUCTION_ACCESS_MMU_MISS : TrapType.DATA_ACCESS_MMU_MISS, fetch,
                        FAULT_TYPE_MMU_MISS, va & PAGE_MASK, ctx);
            } else {
                fastMissTraps++;
                fault(fetch ? TrapType.FAST_INSTRUCTION_ACCESS_MMU_MISS : TrapType.FAST_DATA_ACCESS_MMU_MISS, fetch,
                        NO_TYPE, va & PAGE_MASK, ctx);
            }
            return -1;
        }
        int exception = fetch ? TrapType.INSTRUCTION_ACCESS_EXCEPTION : TrapType.DATA_ACCESS_EXCEPTION;
        int code = Tte.sizeCode(tte);
        if (!Tte.supportedSize(code)) {
            exception(exception, fetch, FAULT_TYPE_INV_PGSZ, va, ctx);
            return -1;
        }
        int shift = Tte.shift(code);
        long ra = Tte.realPage(tte, shift);
        if (!guest.realMemory().isMapped(ra, 1L << shift)) { // mapped-in pages too (SparcMemory enforces their rights)
            exception(exception, fetch, FAULT_TYPE_INV_RA, va, ctx);
            return -1;
        }
        return load(tlb, va, ctx, tte, ra, shift);
    }

    /** Loads the TTE the last search found into {@code tlb}, counting where it came from; the entry. */
    private int load(Tlb tlb, long va, int ctx, long tte, long ra, int shift) {
        boolean perm = walker.lastSource() == TsbWalker.Source.PERMANENT;
        if (perm) {
            permanentHits++;
        } else {
            tsbHits++;
        }
        return tlb.insert(va, ctx, tte, ra, shift, perm);
    }

    /**
     * As {@link #translateData} for an access that may only complete: the real address when the
     * TLB, a TSB or a permanent mapping serves it with the rights it needs, loading the TLB and
     * counting as translateData does; else -1 with nothing changed and no trap, so the caller
     * can run the access again through translateData, which finds the same and delivers the
     * trap. Translated blocks refill through it without leaving the block.
     */
    public long serveData(long va, int ctx, boolean priv, boolean write) {
        if (!Tte.validVa(va)) {
            return -1;
        }
        int e = dtlb.lookup(va, ctx);
        if (e >= 0) {
            return allows(dtlb.tte(e), priv, write) ? dtlb.ra(e) + (va - dtlb.va(e)) : -1;
        }
        long tte = walker.search(va, ctx, false);
        if (tte == 0 || !Tte.supportedSize(Tte.sizeCode(tte)) || !allows(tte, priv, write)) {
            return -1;
        }
        int shift = Tte.shift(Tte.sizeCode(tte));
        long ra = Tte.realPage(tte, shift);
        if (!guest.realMemory().isMapped(ra, 1L << shift)) {
            return -1;
        }
        dtlbMisses++;
        e = load(dtlb, va, ctx, tte, ra, shift);
        return dtlb.ra(e) + (va - dtlb.va(e));
    }

    /** True if a TTE lets a data access at that privilege (and write or not) through. */
    private static boolean allows(long tte, boolean priv, boolean write) {
        return (priv || (tte & Tte.P) == 0) && (!write || (tte & Tte.W) != 0);
    }

    /**
     * The real address {@code va} translates to now, or -1; no TLB load, no counting, no trap.
     * For reports and FLUSH.
     */
    public long probe(long va, int ctx, boolean fetch) {
        if (!Tte.validVa(va)) {
            return -1;
        }
        Tlb tlb = fetch ? itlb : dtlb;
        int e = tlb.lookup(va, ctx);
        if (e >= 0) {
            return tlb.ra(e) + (va - tlb.va(e));
        }
        long tte = walker.search(va, ctx, fetch);
        if (tte == 0 || !Tte.supportedSize(Tte.sizeCode(tte))) {
            return -1;
        }
        int shift = Tte.shift(Tte.sizeCode(tte));
        return Tte.realPage(tte, shift) + (va & ((1L << shift) - 1));
    }

    // ---- faults ---------------------------------------------------------------------------

    private void exception(int tt, boolean fetch, long type, long addr, int ctx) {
        accessExceptions++;
        fault(tt, fetch, type, addr, ctx);
    }

    /**
     * Reports an MMU fault in the instruction or data half of the fault area (type unless
     * {@link #NO_TYPE}, address, context) and delivers trap {@code tt}; without a fault area,
     * the guest's watchdog reset instead.
     */
    private void fault(int tt, boolean fetch, long type, long addr, int ctx) {
        if (faultArea == 0) {
            s.traps.guestWatchdog(tt);
            return;
        }
        if (type != NO_TYPE) {
            store(fetch ? MMU_FAULT_AREA_I_FAULT_TYPE_OFFSET : MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET, type);
        }
        store(fetch ? MMU_FAULT_AREA_I_FAULT_ADDR_OFFSET : MMU_FAULT_AREA_D_FAULT_ADDR_OFFSET, addr);
        store(fetch ? MMU_FAULT_AREA_I_FAULT_CTX_OFFSET : MMU_FAULT_AREA_D_FAULT_CTX_OFFSET, ctx);
        s.traps.raise(tt);
    }

    /**
     * data_access_exception for an access that found no memory at real address {@code ra}
     * (translation off, or ASI_REAL): reported in the fault area as INV_RA when the guest has
     * one, delivered either way.
     */
    public void noMemory(long ra) {
        dataException(FAULT_TYPE_INV_RA, ra, 0);
    }

    /**
     * data_access_exception for a store to a page another domain exported read-only and this
     * one mapped in (ldc_mapin), whatever translation the store used: reported as PROT_VIOL
     * with the address the store used and its context ({@code ctx} 0 for real addresses),
     * delivered either way. The store does not happen.
     */
    public void readOnlyStore(long addr, int ctx) {
        dataException(FAULT_TYPE_PROT_VIOL, addr, ctx);
    }

    private void dataException(long type, long addr, int ctx) {
        accessExceptions++;
        if (faultArea != 0) {
            store(MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET, type);
            store(MMU_FAULT_AREA_D_FAULT_ADDR_OFFSET, addr);
            store(MMU_FAULT_AREA_D_FAULT_CTX_OFFSET, ctx);
        }
        s.traps.raise(TrapType.DATA_ACCESS_EXCEPTION);
    }

    /**
     * A misaligned access (mem_address_not_aligned, the LDDF/STDF forms) or a privileged action
     * at address {@code addr} in context {@code ctx}: the data half of the fault area gets
     * FAULT_TYPE_UNALIGNED or FAULT_TYPE_PRIV_VIOL, the address and the context when the guest
     * has one (sun4v-api.md 5, what the hypervisor writes), and trap {@code tt} is delivered
     * either way: unlike a miss, it needs no fault area to be handled.
     */
    public void dataFault(int tt, long addr, int ctx) {
        if (faultArea != 0) {
            store(MMU_FAULT_AREA_D_FAULT_TYPE_OFFSET, tt == TrapType.PRIVILEGED_ACTION ? FAULT_TYPE_PRIV_VIOL
                    : FAULT_TYPE_UNALIGNED);
            store(MMU_FAULT_AREA_D_FAULT_ADDR_OFFSET, addr);
            store(MMU_FAULT_AREA_D_FAULT_CTX_OFFSET, ctx);
        }
        s.traps.raise(tt);
    }

    /** The context of the CPU's implicit data accesses: nucleus (0) at TL > 0, else primary. */
    public int implicitContext() {
        return s.tl > 0 ? 0 : (int) s.primaryContext & (CONTEXTS - 1);
    }

    private void store(int offset, long value) {
        long pa = guest.realMemory().toPhysical(faultArea + offset, 8);
        if (pa >= 0) {
            guest.memory().write64BE(pa, value);
            s.mem.invalidateCodePage(pa >>> SparcArch.PAGE_SHIFT);
        }
    }

    // ---- the hypervisor's operations (the MMU hypercalls; arguments already checked) ----------

    /** Loads a translation into the TLBs selected (mmu_map_addr). */
    public void mapAddr(long va, int ctx, long tte, boolean fetch, boolean data) {
        int shift = Tte.shift(Tte.sizeCode(tte));
        long ra = Tte.realPage(tte, shift);
        if (fetch) {
            itlb.insert(va, ctx, tte, ra, shift, false);
        }
        if (data) {
            dtlb.insert(va, ctx, tte, ra, shift, false);
        }
    }

    public void demapPage(long va, int ctx, boolean fetch, boolean data) {
        if (fetch) {
            itlb.demapPage(va, ctx);
        }
        if (data) {
            dtlb.demapPage(va, ctx);
        }
    }

    public void demapContext(int ctx, boolean fetch, boolean data) {
        if (fetch) {
            itlb.demapContext(ctx);
        }
        if (data) {
            dtlb.demapContext(ctx);
        }
    }

    public void demapAll(boolean fetch, boolean data) {
        if (fetch) {
            itlb.demapAll();
        }
        if (data) {
            dtlb.demapAll();
        }
    }

    /** mmu_map_perm_addr for this CPU; EOK, ETOOMANY or EINVAL (see {@link PermanentMappings#map}). */
    public long mapPermanent(long va, long tte, boolean fetch, boolean data) {
        return permanent.map(cpu, va, tte, fetch, data);
    }

    /** mmu_unmap_perm_addr for this CPU; EOK or ENOMAP. The mapping leaves this CPU's TLBs. */
    public long unmapPermanent(long va, boolean fetch, boolean data) {
        long status = permanent.unmap(cpu, va, fetch, data);
        if (status == 0) {
            if (fetch) {
                itlb.removeLocked(va);
            }
            if (data) {
                dtlb.removeLocked(va);
            }
        }
        return status;
    }

    // ---- report ---------------------------------------------------------------------------

    /** One line for the CPU report. */
    public String describe() {
        return "mmu " + (enabled ? "on" : "off") + "  ctx primary 0x" + Long.toHexString(s.primaryContext)
                + " secondary 0x" + Long.toHexString(s.secondaryContext) + "  fault area 0x"
                + Long.toHexString(faultArea) + "  tsbs ctx0 " + walker.tsbs(true).length + " ctxnon0 "
                + walker.tsbs(false).length + "  itlb " + itlb.size() + "/" + ITLB_ENTRIES + " dtlb " + dtlb.size()
                + "/" + DTLB_ENTRIES + "\n"
                + "tlb misses i " + itlbMisses + " d " + dtlbMisses + "  tsb hits " + tsbHits + "  permanent hits "
                + permanentHits + "  tsb misses " + tsbMisses + " (fast " + fastMissTraps + ", slow " + slowMissTraps
                + ")  protection " + protectionTraps + "  access exceptions " + accessExceptions;
    }
}
