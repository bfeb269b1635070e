package org.hyperstrand.core.svc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.Vcpu;
import org.hyperstrand.core.domain.VcpuState;
import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.hcall.api.HvConstants;
import org.hyperstrand.core.hcall.api.HvErrors;

/**
 * The per-CPU interrupt queues of the sun4v API (reference section 7): rings of 64-byte
 * entries in guest memory that the hypervisor fills at the tail and the guest drains at the
 * head. The head and tail registers live in the CPU model; the ring's place lives here.
 */
public final class InterruptQueues {

    /** Largest ring the hypervisor accepts, as UltraSPARC T2's hypervisor (reference section 7). */
    static final long MAX_ENTRIES = 4096;
    static final int ENTRY = HvConstants.MONDO_SIZE;
    private static final int CPU_MONDO = 0;
    private static final int DEV_MONDO = 1;

    private final Domain domain;
    private final GuestMemoryAccess guest;
    /** Per CPU, per queue: ring base and number of entries (0: not configured). */
    private long[][] base = new long[0][];
    private long[][] entries = new long[0][];

    /** The queues of {@code domain}'s CPUs; one instance per domain, shared by every service that fills them. */
    public InterruptQueues(Domain domain) {
        this(domain, GuestMemoryAccess.of(domain));
    }

    InterruptQueues(Domain domain, GuestMemoryAccess guest) {
        this.domain = domain;
        this.guest = guest;
    }

    /** Makes room for CPU {@code id}: a domain may gain CPUs while it runs. */
    private void ensure(int id) {
        if (id >= base.length) {
            int n = Math.max(id + 1, domain.vcpus().size());
            long[][] b = java.util.Arrays.copyOf(base, n);
            long[][] e = java.util.Arrays.copyOf(entries, n);
            for (int i = base.length; i < n; i++) {
                b[i] = new long[4];
                e[i] = new long[4];
            }
            base = b;
            entries = e;
        }
    }

    private static int index(long queue) {
        return queue >= HvConstants.CPU_MONDO_QUEUE && queue <= HvConstants.NONRESUMABLE_ERROR_QUEUE
                ? (int) (queue - HvConstants.CPU_MONDO_QUEUE) : -1;
    }

    /** cpu_qconf: nentries 0 removes the queue; a successful call empties it. */
    public synchronized long configure(Vcpu cpu, long queue, long ringBase, long nentries) {
        int q = index(queue);
        if (q < 0) {
            return HvErrors.EINVAL;
        }
        if (nentries != 0) {
            if (nentries < 2 || nentries > MAX_ENTRIES || Long.bitCount(nentries) != 1) {
                return HvErrors.EINVAL;
            }
            long bytes = nentries * ENTRY;
            if ((ringBase & (bytes - 1)) != 0) {
                return HvErrors.EBADALIGN;
            }
            if (!guest.valid(ringBase, bytes)) {
                return HvErrors.ENORADDR;
            }
        }
        ensure(cpu.id());
        base[cpu.id()][q] = nentries == 0 ? 0 : ringBase;
        entries[cpu.id()][q] = nentries;
        cpu.core().resetQueue(q, nentries);
        return HvErrors.EOK;
    }

    /** cpu_qinfo. */
    synchronized long info(Vcpu cpu, long queue, HcallFrame frame) {
        int q = index(queue);
        if (q < 0) {
            return HvErrors.EINVAL;
        }
        ensure(cpu.id());
        frame.setResult(1, base[cpu.id()][q]);
        frame.setResult(2, entries[cpu.id()][q]);
        return HvErrors.EOK;
    }

    /**
     * cpu_mondo_send: the 64 bytes at {@code data} go into each listed CPU's mondo queue; each
     * entry delivered is overwritten with CPU_LIST_DONE, and EWOULDBLOCK tells the sender to
     * retry for the rest. Processing stops at the first invalid entry.
     */
    synchronized long sendCpuMondo(Vcpu sender, long ncpus, long cpulist, long data) {
        if ((cpulist & 1) != 0 || (data & (ENTRY - 1)) != 0) {
            return HvErrors.EBADALIGN;
        }
        if (ncpus < 0 || ncpus > Integer.MAX_VALUE / 2 || !guest.valid(cpulist, ncpus * 2)
                || !guest.valid(data, ENTRY)) {
            return HvErrors.ENORADDR;
        }
        ByteOrder order = domain.backend().byteOrder();
        byte[] mondo = guest.read(data, ENTRY);
        ByteBuffer list = ByteBuffer.wrap(guest.read(cpulist, (int) ncpus * 2)).order(order);
        byte[] done = ByteBuffer.allocate(2).order(order).putShort((short) HvConstants.CPU_LIST_DONE).array();
        boolean blocked = false;
        for (int i = 0; i < ncpus; i++) {
            int id = list.getShort(2 * i) & 0xffff;
            if (id == HvConstants.CPU_LIST_DONE) {
                continue;
            }
            Vcpu target = domain.vcpu(id);
            if (target == null) {
                return HvErrors.ENOCPU;
            }
            if (target == sender) {
                return HvErrors.EINVAL;
            }
            if (target.state() == VcpuState.ERROR) {
                return HvErrors.ECPUERROR;
            }
            if (deliver(target, CPU_MONDO, mondo)) {
                guest.write(cpulist + 2L * i, done, 0, 2);
            } else {
                blocked = true;
            }
        }
        return blocked ? HvErrors.EWOULDBLOCK : HvErrors.EOK;
    }

    /**
     * Puts a 64-byte device mondo at the tail of {@code target}'s device mondo queue, which
     * raises trap 0x7d (sparc64) or X86_VECTOR_DEV_MONDO (x86_64) while it is not empty.
     *
     * @return false if the queue is not configured, is full or the CPU does not run
     */
    public synchronized boolean deliverDeviceMondo(Vcpu target, byte[] mondo) {
        return deliver(target, DEV_MONDO, mondo);
    }

    /** Puts one entry at the tail of one of the target's queues, unless it is absent or full. */
    private boolean deliver(Vcpu target, int queue, byte[] mondo) {
        ensure(target.id());
        long n = entries[target.id()][queue];
        if (n == 0 || target.state() != VcpuState.RUNNING) {
            return false; // nowhere to put it yet: the sender retries
        }
        long mask = n * ENTRY - 1;
        long head = target.core().queueHead(queue) & mask;
        long tail = target.core().queueTail(queue) & mask;
        if (((tail + ENTRY) & mask) == head) {
            return false;
        }
        guest.write(base[target.id()][queue] + tail, mondo, 0, ENTRY);
        target.core().setQueueRegisters(queue, target.core().queueHead(queue), (tail + ENTRY) & mask);
        target.wake();
        return true;
    }
}
