package org.hyperstrand.sparc.mmu;

import java.util.BitSet;
import org.hyperstrand.core.hcall.api.HvErrors;

/**
 * The permanent (locked) context-0 mappings of one domain, installed with mmu_map_perm_addr:
 * at most {@link #MAX} of them. The set belongs to the domain, but each mapping records, for the
 * instruction and the data side separately, which CPUs installed it; it translates only for
 * those. A mapping goes away when the last CPU removed it.
 *
 * <p>CPUs of the domain may run on different host threads: changes are serialized and publish
 * a new immutable table, which the TLB-miss path reads without locking.
 */
public final class PermanentMappings {

    /** Hard limit per domain (OpenSPARC's NPERMMAPPINGS). */
    public static final int MAX = 8;

    /** One mapping: the page at {@code va} (aligned to the TTE's page size) and the CPUs using it. */
    public record Mapping(long va, long tte, int shift, BitSet icpus, BitSet dcpus) {

        boolean covers(long addr) {
            return ((addr ^ va) >>> shift) == 0;
        }

        boolean usedBy(int cpu, boolean fetch) {
            return (fetch ? icpus : dcpus).get(cpu);
        }
    }

    private volatile Mapping[] table = new Mapping[0];

    /**
     * Installs (or joins) the mapping of {@code va} to {@code tte} for {@code cpu} on the given
     * sides. The caller has checked the arguments; answers EOK, ETOOMANY when the domain already
     * has {@link #MAX} other mappings, or EINVAL when {@code va} is already mapped to a different
     * TTE.
     */
    public synchronized long map(int cpu, long va, long tte, boolean fetch, boolean data) {
        int shift = Tte.shift(Tte.sizeCode(tte));
        long base = va & -(1L << shift);
        Mapping[] t = table;
        for (int i = 0; i < t.length; i++) {
            Mapping m = t[i];
            if (m.va == base) {
                if (m.tte != tte) {
                    return HvErrors.EINVAL;
                }
                t = t.clone();
                t[i] = with(m, cpu, fetch, data, true);
                table = t;
                return HvErrors.EOK;
            }
        }
        if (t.length >= MAX) {
            return HvErrors.ETOOMANY;
        }
        Mapping m = with(new Mapping(base, tte, shift, new BitSet(), new BitSet()), cpu, fetch, data, true);
        Mapping[] bigger = java.util.Arrays.copyOf(t, t.length + 1);
        bigger[t.length] = m;
        table = bigger;
        return HvErrors.EOK;
    }

    /**
     * Removes {@code cpu} from the mapping whose page holds {@code va}, on the given sides.
     * Answers EOK, or ENOMAP when {@code cpu} has no permanent mapping there on those sides.
     */
    public synchronized long unmap(int cpu, long va, boolean fetch, boolean data) {
        Mapping[] t = table;
        for (int i = 0; i < t.length; i++) {
            Mapping m = t[i];
            if (!m.covers(va)) {
                continue;
            }
            if (!(fetch && m.icpus.get(cpu)) && !(data && m.dcpus.get(cpu))) {
                return HvErrors.ENOMAP;
            }
            replace(i, with(m, cpu, fetch, data, false));
            return HvErrors.EOK;
        }
        return HvErrors.ENOMAP;
    }

    /** Drops {@code cpu} from every mapping (the CPU is being restarted). */
    public synchronized void forget(int cpu) {
        for (int i = table.length - 1; i >= 0; i--) {
            replace(i, with(table[i], cpu, true, true, false));
        }
    }

    private void replace(int i, Mapping m) {
        Mapping[] t = table;
        if (m.icpus.isEmpty() && m.dcpus.isEmpty()) {
            Mapping[] smaller = new Mapping[t.length - 1];
            System.arraycopy(t, 0, smaller, 0, i);
            System.arraycopy(t, i + 1, smaller, i, t.length - i - 1);
            table = smaller;
        } else {
            t = t.clone();
            t[i] = m;
            table = t;
        }
    }

    private static Mapping with(Mapping m, int cpu, boolean fetch, boolean data, boolean set) {
        BitSet i = (BitSet) m.icpus.clone();
        BitSet d = (BitSet) m.dcpus.clone();
        if (fetch) {
            i.set(cpu, set);
        }
        if (data) {
            d.set(cpu, set);
        }
        return new Mapping(m.va, m.tte, m.shift, i, d);
    }

    /** The mapping holding {@code va} that {@code cpu} installed on that side, or null. */
    public Mapping lookup(int cpu, long va, boolean fetch) {
        for (Mapping m : table) {
            if (m.covers(va) && m.usedBy(cpu, fetch)) {
                return m;
            }
        }
        return null;
    }

    /** Number of mappings in the domain. */
    public int size() {
        return table.length;
    }
}
