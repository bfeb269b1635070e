package org.hyperstrand.core.svc;

import java.util.function.Supplier;
import org.hyperstrand.core.domain.Domain;
import org.hyperstrand.core.domain.DomainWatchdog;
import org.hyperstrand.core.domain.Vcpu;
import org.hyperstrand.core.domain.VcpuState;
import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.hcall.NegotiatedVersions;
import org.hyperstrand.core.hcall.api.CoreHandler;
import org.hyperstrand.core.hcall.api.HvConstants;
import org.hyperstrand.core.hcall.api.HvErrors;

/**
 * The architecture-neutral calls of the core group, for one domain. Calls that only a backend
 * can serve (the sun4v MMU calls, the real trap base, SIR) answer ENOTSUPPORTED here; a backend
 * wraps this handler to provide them ({@code ArchBackend.coreCalls}). Every argument is
 * checked before use; no guest input can throw out of here.
 */
public class CoreServices implements CoreHandler {

    /** Largest console write served in one call; the guest writes the rest in a later call. */
    static final int MAX_CONSOLE_WRITE = 4096;
    private static final long PAGE_8K = 8192;

    private final Domain domain;
    private final GuestMemoryAccess guest;
    private final Supplier<byte[]> machineDescription;
    private final TimeOfDay tod;
    private final InterruptQueues queues;

    public CoreServices(Domain domain, Supplier<byte[]> machineDescription, TimeOfDay tod) {
        this(domain, machineDescription, tod, new InterruptQueues(domain));
    }

    /** With the domain's interrupt queues shared with other services (virtual interrupts). */
    public CoreServices(Domain domain, Supplier<byte[]> machineDescription, TimeOfDay tod, InterruptQueues queues) {
        this.domain = domain;
        this.guest = GuestMemoryAccess.of(domain);
        this.queues = queues;
        this.machineDescription = machineDescription;
        this.tod = tod;
    }

    private static Vcpu caller(HcallFrame frame) {
        return (Vcpu) frame.caller();
    }

    // ---- version negotiation and the core trap -----------------------------------------

    @Override
    public long apiSetVersion(HcallFrame frame, long group, long major, long minor) {
        NegotiatedVersions.Answer a = domain.versions().set(group, major, minor);
        frame.setResult(1, a.minor());
        return a.status();
    }

    @Override
    public long apiGetVersion(HcallFrame frame, long group) {
        NegotiatedVersions.Answer a = domain.versions().get(group);
        frame.setResult(1, a.major());
        frame.setResult(2, a.minor());
        return a.status();
    }

    @Override
    public long apiPutchar(HcallFrame frame, long ch) {
        domain.console().write((int) ch);
        return HvErrors.EOK;
    }

    @Override
    public long apiExit(HcallFrame frame, long code) {
        domain.exit(code);
        return HvErrors.EOK;
    }

    // ---- machine ------------------------------------------------------------------------

    @Override
    public long machExit(HcallFrame frame, long code) {
        domain.exit(code);
        return HvErrors.EOK;
    }

    @Override
    public long machDesc(HcallFrame frame, long buffer, long length) {
        byte[] md = machineDescription.get();
        frame.setResult(1, md.length);
        if ((buffer & 15) != 0) {
            return HvErrors.EBADALIGN;
        }
        if (Long.compareUnsigned(length, md.length) < 0) {
            return HvErrors.EINVAL;
        }
        if (!guest.valid(buffer, md.length)) {
            return HvErrors.ENORADDR;
        }
        guest.write(buffer, md, 0, md.length);
        return HvErrors.EOK;
    }

    @Override
    public long machSir(HcallFrame frame) {
        return HvErrors.ENOTSUPPORTED;
    }

    @Override
    public long machSetWatchdog(HcallFrame frame, long timeout) {
        if (timeout < 0 || timeout > DomainWatchdog.MAX_TIMEOUT_MS) {
            return HvErrors.EINVAL;
        }
        frame.setResult(1, domain.watchdog().arm(timeout, domain.now(), domain.tickFrequency()));
        return HvErrors.EOK;
    }

    // ---- CPUs ---------------------------------------------------------------------------

    @Override
    public long cpuMyid(HcallFrame frame) {
        frame.setResult(1, caller(frame).id());
        return HvErrors.EOK;
    }

    @Override
    public long cpuState(HcallFrame frame, long cpu) {
        Vcpu v = domain.vcpu(cpu);
        if (v == null) {
            return HvErrors.ENOCPU;
        }
        frame.setResult(1, v.state().hvValue());
        return HvErrors.EOK;
    }

    @Override
    public long cpuStart(HcallFrame frame, long cpu, long pc, long rtba, long startArg) {
        Vcpu v = domain.vcpu(cpu);
        if (v == null) {
            return HvErrors.ENOCPU;
        }
        if (v.state() != VcpuState.STOPPED) {
            return HvErrors.EINVAL;
        }
        if ((pc & 3) != 0) {
            return HvErrors.EBADALIGN;
        }
        if (!guest.valid(pc, 4)) {
            return HvErrors.ENORADDR;
        }
        long status = v.core().startAt(pc, startArg, rtba);
        if (status == HvErrors.EOK) {
            v.setState(VcpuState.RUNNING);
        }
        return status;
    }

    @Override
    public long cpuStop(HcallFrame frame, long cpu) {
        Vcpu v = domain.vcpu(cpu);
        if (v == null) {
            return HvErrors.ENOCPU;
        }
        if (v == caller(frame) || v.state() != VcpuState.RUNNING) {
            return HvErrors.EINVAL;
        }
        v.setState(VcpuState.STOPPED);
        return HvErrors.EOK;
    }

    @Override
    public long cpuYield(HcallFrame frame) {
        // the CPU resumes after the call once something is pending for it
        caller(frame).park();
        return HvErrors.EOK;
    }

    @Override
    public long cpuPoke(HcallFrame frame, long cpu) {
        Vcpu v = domain.vcpu(cpu);
        if (v == null) {
            return HvErrors.ENOCPU;
        }
        if (v == caller(frame)) {
            return HvErrors.EINVAL;
        }
        v.wake();
        return HvErrors.EOK;
    }

    @Override
    public long cpuQconf(HcallFrame frame, long queue, long base, long nentries) {
        return queues.configure(caller(frame), queue, base, nentries);
    }

    @Override
    public long cpuQinfo(HcallFrame frame, long queue) {
        return queues.info(caller(frame), queue, frame);
    }

    @Override
    public long cpuSetRtba(HcallFrame frame, long rtba) {
        return HvErrors.ENOTSUPPORTED;
    }

    @Override
    public long cpuGetRtba(HcallFrame frame) {
        return HvErrors.ENOTSUPPORTED;
    }

    @Override
    public long cpuMondoSend(HcallFrame frame, long ncpus, long cpulist, long data) {
        return queues.sendCpuMondo(caller(frame), ncpus, cpulist, data);
    }

    // ---- MMU: served by the backend -----------------------------------------------------

    @Override
    public long mmuTsbCtx0(HcallFrame frame, long ntsb, long descriptors) {
        return HvErrors.ENOTSUPPORTED;
    }

    @Override
    public long mmuTsbCtxnon0(HcallFrame frame, long ntsb, long descriptors) {
        return HvErrors.ENOTSUPPORTED;
    }

    @Override
    public long mmuDemapPage(HcallFrame frame, long reserved0, long reserved1, long va, long ctx, long flags) {
        return HvErrors.ENOTSUPPORTED;
    }

    @Override
    public long mmuDemapCtx(HcallFrame frame, long reserved0, long reserved1, long ctx, long flags) {
        return HvErrors.ENOTSUPPORTED;
    }

    @Override
    public long mmuDemapAll(HcallFrame frame, long reserved0, long reserved1, long flags) {
        return HvErrors.ENOTSUPPORTED;
    }

    @Override
    public long mmuMapPermAddr(HcallFrame frame, long va, long reserved, long tte, long flags) {
        return HvErrors.ENOTSUPPORTED;
    }

    @Override
    public long mmuFaultAreaConf(HcallFrame frame, long area) {
        return HvErrors.ENOTSUPPORTED;
    }

    @Override
    public long mmuEnable(HcallFrame frame, long enable, long target) {
        return HvErrors.ENOTSUPPORTED;
    }

    @Override
    public long mmuUnmapPermAddr(HcallFrame frame, long va, long reserved, long flags) {
        return HvErrors.ENOTSUPPORTED;
    }

    @Override
    public long mmuTsbCtx0Info(HcallFrame frame, long capacity, long buffer) {
        return HvErrors.ENOTSUPPORTED;
    }

    @Override
    public long mmuTsbCtxnon0Info(HcallFrame frame, long capacity, long buffer) {
        return HvErrors.ENOTSUPPORTED;
    }

    @Override
    public long mmuFaultAreaInfo(HcallFrame frame) {
        return HvErrors.ENOTSUPPORTED;
    }

    @Override
    public long mmuMapAddr(HcallFrame frame, long va, long ctx, long tte, long flags) {
        return HvErrors.ENOTSUPPORTED;
    }

    @Override
    public long mmuUnmapAddr(HcallFrame frame, long va, long ctx, long flags) {
        return HvErrors.ENOTSUPPORTED;
    }

    // ---- memory -------------------------------------------------------------------------

    @Override
    public long memScrub(HcallFrame frame, long ra, long length) {
        long status = checkPageRange(ra, length);
        if (status == HvErrors.EOK) {
            // scrubbing means zeroing what the guest no longer needs: write zeros
            byte[] zeros = new byte[(int) PAGE_8K];
            for (long done = 0; done < length; done += PAGE_8K) {
                guest.write(ra + done, zeros, 0, zeros.length);
            }
            frame.setResult(1, length);
        }
        return status;
    }

    @Override
    public long memSync(HcallFrame frame, long ra, long length) {
        long status = checkPageRange(ra, length);
        if (status == HvErrors.EOK) {
            frame.setResult(1, length); // memory is always coherent here
        }
        return status;
    }

    private long checkPageRange(long ra, long length) {
        if (length == 0) {
            return HvErrors.EINVAL;
        }
        if ((ra & (PAGE_8K - 1)) != 0 || (length & (PAGE_8K - 1)) != 0) {
            return HvErrors.EBADALIGN;
        }
        return guest.valid(ra, length) ? HvErrors.EOK : HvErrors.ENORADDR;
    }

    // ---- time of day --------------------------------------------------------------------

    @Override
    public long todGet(HcallFrame frame) {
        frame.setResult(1, tod.seconds());
        return HvErrors.EOK;
    }

    @Override
    public long todSet(HcallFrame frame, long seconds) {
        tod.set(seconds);
        return HvErrors.EOK;
    }

    // ---- console ------------------------------------------------------------------------

    @Override
    public long consGetchar(HcallFrame frame) {
        int b = domain.console().read();
        if (b == Integer.MIN_VALUE) {
            return HvErrors.EWOULDBLOCK;
        }
        frame.setResult(1, b);
        return HvErrors.EOK;
    }

    @Override
    public long consPutchar(HcallFrame frame, long ch) {
        if (ch == HvConstants.CONS_BREAK) {
            return HvErrors.EOK; // a break has no meaning on this console's output side
        }
        if (ch < 0 || ch > 255) {
            return HvErrors.EINVAL;
        }
        domain.console().write((int) ch);
        return HvErrors.EOK;
    }

    @Override
    public long consRead(HcallFrame frame, long buffer, long size) {
        int first = domain.console().read();
        if (first == Integer.MIN_VALUE) {
            return HvErrors.EWOULDBLOCK;
        }
        if (first < 0) { // BREAK or HUP: reported alone, nothing stored
            frame.setResult(1, first);
            return HvErrors.EOK;
        }
        if (size == 0 || !guest.valid(buffer, 1)) {
            domain.console().unread(first);
            return size == 0 ? HvErrors.EOK : HvErrors.ENORADDR;
        }
        int n = 1;
        byte[] got = new byte[(int) Math.min(size, MAX_CONSOLE_WRITE)];
        got[0] = (byte) first;
        while (n < got.length) {
            int b = domain.console().read();
            if (b == Integer.MIN_VALUE || b < 0) {
                if (b != Integer.MIN_VALUE) {
                    domain.console().unread(b);
                }
                break;
            }
            got[n++] = (byte) b;
        }
        if (!guest.valid(buffer, n)) {
            for (int i = n - 1; i >= 0; i--) {
                domain.console().unread(got[i] & 0xff);
            }
            return HvErrors.ENORADDR;
        }
        guest.write(buffer, got, 0, n);
        frame.setResult(1, n);
        return HvErrors.EOK;
    }

    @Override
    public long consWrite(HcallFrame frame, long buffer, long size) {
        int n = Long.compareUnsigned(size, MAX_CONSOLE_WRITE) > 0 ? MAX_CONSOLE_WRITE : (int) size;
        if (!guest.valid(buffer, n)) {
            return HvErrors.ENORADDR;
        }
        for (byte b : guest.read(buffer, n)) {
            domain.console().write(b);
        }
        frame.setResult(1, n);
        return HvErrors.EOK;
    }
}
