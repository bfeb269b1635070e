package org.hyperstrand.x86.host;

import static org.hyperstrand.x86.svm.VmcbLayout.*;

import java.util.LinkedHashMap;
import java.util.Map;
import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.hcall.api.HvConstants;
import org.hyperstrand.core.spi.GuestContext;
import org.hyperstrand.core.spi.Tracer;
import org.hyperstrand.core.spi.VcpuCore;
import org.hyperstrand.core.spi.VcpuExit;
import org.hyperstrand.x86.cpu.ExitCode;
import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.cpu.X86Core;
import org.hyperstrand.x86.cpu.X86State;
import org.hyperstrand.x86.svm.Vmcb;

/**
 * One x86-64 virtual CPU as the Java hypervisor keeps it, the way KVM keeps a vCPU on AMD: an
 * emulated CPU ({@link X86Core}), a VMCB in host memory, and a run loop that enters the guest
 * with VMRUN and handles each #VMEXIT through {@link ExitHandlers} until an exit needs hv-core
 * (a hypercall, a halt, a failure) or the quantum is used up.
 *
 * <p>{@link #start} composes the boot protocol's state (guest-abi/docs/BOOT-x86_64.md) on the
 * CPU, captures it into the VMCB and sets up the controls ({@link VmcbSetup}). Guest registers
 * other than RAX, RSP and RIP stay in the CPU across exits, as on hardware; the handlers read
 * and write those three in the VMCB.
 *
 * <p>Virtual interrupts: the one-shot timer of timer_set and the interrupt queues raise the
 * x86_platform vectors (specs/hypercalls/x86.hvspec); before each VMRUN the highest pending
 * vector goes into V_IRQ / V_INTR_VECTOR, and the CPU delivers it once the guest has
 * RFLAGS.IF set. A queue raises its vector when it becomes non-empty.
 */
public final class X86Vcpu implements VcpuCore {

    /** Fast-trap and core-trap numbers of the x86_64 binding (in %rax at VMMCALL). */
    static final long FAST_TRAP = 0x80;
    static final long CORE_TRAP = 0xff;

    private final GuestContext guest;
    private final int vcpuId;
    private final GuestPlatform platform;
    private final X86Core cpu;
    private final X86State s;
    private final Vmcb vmcb;
    private final long hsave;
    private final HcallFrame frame = new HcallFrame();
    /** EAX..EDX of the CPUID exit handler, kept so that exit allocates nothing. */
    final int[] cpuidOut = new int[4];

    /** VMCB groups changed by the hypervisor since the last VMRUN (clean bits to clear). */
    int dirty = -1;
    private boolean hypercallPending;
    private int hypercallKind;
    private long hypercallNumber;
    /** Resumed exits in a row that retire no guest instruction before the vCPU is declared livelocked. */
    static final int MAX_IDLE_EXITS = 100_000;
    private final long[] queue = new long[8];
    private final boolean[] queueRaised = new boolean[4];
    /** Per queue, the ring size in bytes cpu_qconf gave it (0: not configured). */
    private final long[] queueBytes = new long[4];
    /** Pending virtual interrupt vectors, 256 bits. */
    private final long[] pending = new long[4];
    private long timerDeadline;
    private String failure;
    final long[] exitCounts = new long[ExitHandlers.SIZE];

    X86Vcpu(GuestPlatform platform, int vcpuId) {
        this.guest = platform.guest();
        this.vcpuId = vcpuId;
        this.platform = platform;
        this.cpu = new X86Core(guest, vcpuId, platform.code());
        this.s = cpu.state();
        long page = guest.allocateHypervisorPages(2);
        this.vmcb = new Vmcb(guest.memory(), page);
        this.hsave = page + 4096;
    }

    /** The emulated CPU (tests, reports). */
    public X86Core cpu() {
        return cpu;
    }

    public Vmcb vmcb() {
        return vmcb;
    }

    GuestPlatform platform() {
        return platform;
    }

    int vcpuId() {
        return vcpuId;
    }

    /** The domain's trace, or null when it is not traced. */
    Tracer tracer() {
        return guest.tracer();
    }

    // ---- VcpuCore ----------------------------------------------------------------------------

    @Override
    public void start(long pc, long arg) {
        cpu.start(pc, arg);
        hypercallPending = false;
        failure = null;
        java.util.Arrays.fill(pending, 0);
        java.util.Arrays.fill(queueRaised, false);
        timerDeadline = 0;
        if (s.fatalReason != null) {
            return;
        }
        vmcb.clear();
        cpu.svm().captureState(vmcb);
        VmcbSetup.controls(vmcb, platform);
        vmcb.set64(EFER, vmcb.get64(EFER) | X86Arch.EFER_SVME);
        becomeHost();
    }

    @Override
    public int run(long budget) {
        if (failure != null || s.fatalReason != null) {
            return VcpuExit.FATAL;
        }
        long end = s.retired + budget;
        int idleExits = 0;
        for (;;) {
            long left = end - s.retired;
            if (left <= 0) {
                return VcpuExit.BUDGET;
            }
            prepareEntry();
            long before = s.retired;
            if (cpu.vmrun(vmcb, left) == VcpuExit.FATAL) {
                return VcpuExit.FATAL;
            }
            int exit = ExitHandlers.handle(this, vmcb.get64(EXITCODE));
            if (exit != ExitHandler.RESUME) {
                return exit;
            }
            reinjectInterruptedEvent();
            // exits that retire nothing would never use up the budget: a guest must not hold the host CPU so
            idleExits = s.retired == before ? idleExits + 1 : 0;
            if (idleExits > MAX_IDLE_EXITS) {
                return fail("livelock: " + MAX_IDLE_EXITS + " #VMEXITs in a row without a guest instruction retiring; "
                        + "the last was " + ExitCode.name(vmcb.get64(EXITCODE)));
            }
        }
    }

    /**
     * An exit taken while an event was being delivered (EXITINTINFO.V) resumes with that event
     * injected again, error code and all, as KVM's svm_complete_interrupts does, unless the
     * handler injected one of its own. INT n, INT3 and INTO are not injected: RIP still points
     * at the instruction, which raises them again (reference/amd-v-svm.md 4).
     */
    void reinjectInterruptedEvent() {
        int info = (int) vmcb.get32(EXITINTINFO);
        if ((info & EVENT_VALID) == 0 || (vmcb.get32(EVENTINJ) & EVENT_VALID) != 0) {
            return;
        }
        int type = (info >>> EVENT_TYPE_SHIFT) & 7;
        int vector = info & EVENT_VECTOR_MASK;
        if (type == EVENT_TYPE_SOFT_INT
                || (type == EVENT_TYPE_EXCEPTION && (vector == X86Arch.BP || vector == X86Arch.OF_VECTOR))) {
            return;
        }
        vmcb.set32(EVENTINJ_ERROR, vmcb.get32(EXITINTINFO_ERROR));
        vmcb.set32(EVENTINJ, info);
    }

    /** Clean bits, N_CR3 for the current memory map, and a pending vector into V_IRQ. */
    private void prepareEntry() {
        long root = platform.nestedRoot();
        if (vmcb.get64(N_CR3) != root) {
            vmcb.set64(N_CR3, root);
            dirty |= CLEAN_NP;
        }
        raiseQueueVectors();
        if (timerDeadline != 0 && guest.now() >= timerDeadline) {
            timerDeadline = 0;
            pend(X86Platform.VECTOR_TIMER);
        }
        int ctl = (int) vmcb.get32(INT_CTL);
        if ((ctl & INT_CTL_V_IRQ) == 0) {
            int vector = highestPending();
            if (vector >= 0) {
                pending[vector >>> 6] &= ~(1L << vector);
                vmcb.set32(INT_CTL, (ctl & ~(0xf << INT_CTL_V_INTR_PRIO_SHIFT)) | INT_CTL_V_IRQ | INT_CTL_V_IGN_TPR
                        | ((vector >>> 4) << INT_CTL_V_INTR_PRIO_SHIFT));
                vmcb.set32(INT_VECTOR, vector);
                dirty |= CLEAN_INT_CTL;
            }
        }
        vmcb.set32(VMCB_CLEAN, ~dirty & 0x3ff);
        dirty = 0;
    }

    private void raiseQueueVectors() {
        for (int q = 0; q < 3; q++) {
            boolean nonEmpty = queue[2 * q] != queue[2 * q + 1];
            if (nonEmpty && !queueRaised[q]) {
                pend(X86Platform.VECTOR_CPU_MONDO + q);
            }
            queueRaised[q] = nonEmpty;
        }
    }

    void pend(int vector) {
        pending[vector >>> 6] |= 1L << vector;
    }

    private int highestPending() {
        for (int w = 3; w >= 0; w--) {
            if (pending[w] != 0) {
                return 64 * w + 63 - Long.numberOfLeadingZeros(pending[w]);
            }
        }
        return -1;
    }

    @Override
    public long retired() {
        return s.retired;
    }

    // ---- hypercalls (the VMMCALL exit) -----------------------------------------------------------

    /**
     * A VMMCALL exit with a fast or core trap number: the arguments go into the frame and the
     * call to hv-core; RIP stays at the VMMCALL until {@link #completeHypercall}.
     */
    int hypercall(long trap) {
        frame.clear();
        frame.setArg(0, s.r[X86State.RDI]);
        frame.setArg(1, s.r[X86State.RSI]);
        frame.setArg(2, s.r[X86State.RDX]);
        frame.setArg(3, s.r[X86State.R10]);
        frame.setArg(4, s.r[X86State.R8]);
        hypercallKind = trap == FAST_TRAP ? VcpuExit.KIND_FAST : VcpuExit.KIND_CORE;
        hypercallNumber = s.r[X86State.RCX];
        hypercallPending = true;
        return VcpuExit.HYPERCALL;
    }

    @Override
    public HcallFrame frame() {
        return frame;
    }

    @Override
    public int hypercallKind() {
        return hypercallKind;
    }

    @Override
    public long hypercallNumber() {
        return hypercallNumber;
    }

    /**
     * Status to %rax (in the VMCB), results to %rsi %rdx, and for fast calls %r10 %r8 %r9, as
     * the x86_64 binding says; the guest resumes after the VMMCALL.
     */
    @Override
    public void completeHypercall(long status) {
        if (!hypercallPending) {
            throw new IllegalStateException("no hypercall is pending on this CPU");
        }
        hypercallPending = false;
        vmcb.set64(RAX, status);
        s.r[X86State.RSI] = frame.result(1);
        s.r[X86State.RDX] = frame.result(2);
        if (hypercallKind == VcpuExit.KIND_FAST) {
            s.r[X86State.R10] = frame.result(3);
            s.r[X86State.R8] = frame.result(4);
            s.r[X86State.R9] = frame.result(5);
        }
        skipInstruction();
    }

    /** Moves the guest past the intercepted instruction (RIP := NRIP), counting it as retired. */
    void skipInstruction() {
        resumeAt(vmcb.get64(NEXT_RIP));
    }

    /** Resumes the guest at {@code rip} after an emulated instruction: its shadow ends, it retires. */
    void resumeAt(long rip) {
        vmcb.set64(RIP, rip);
        vmcb.set64(INT_STATE, vmcb.get64(INT_STATE) & ~1L);
        s.retired++;
    }

    /**
     * Leaves RIP at an emulated repeated instruction that has done {@code iterations} of its
     * iterations and stopped short of the end: the guest executes it again to go on (after any
     * interrupt that became deliverable, as between iterations on hardware). Each iteration
     * counts as a retired instruction, as the CPU counts them, so a long repeat uses up the
     * quantum; the instruction has begun, so its interrupt shadow ends.
     */
    void resumeRepeating(long iterations) {
        if (iterations > 0) {
            vmcb.set64(INT_STATE, vmcb.get64(INT_STATE) & ~1L);
            s.retired += iterations;
        }
    }

    /** Queues exception {@code vector} for delivery at the next VMRUN (EVENTINJ). */
    void injectException(int vector, int error) {
        boolean hasError = X86Arch.pushesErrorCode(vector);
        vmcb.set32(EVENTINJ_ERROR, hasError ? error : 0);
        vmcb.set32(EVENTINJ, EVENT_VALID | (EVENT_TYPE_EXCEPTION << EVENT_TYPE_SHIFT) | vector
                | (hasError ? EVENT_ERROR_VALID : 0));
    }

    /** "cpu N", for log lines. */
    String describe() {
        return "cpu " + vcpuId;
    }

    /** Stops this vCPU for good: hv-core fails the domain with {@link #report}. */
    int fail(String why) {
        failure = why;
        return VcpuExit.FATAL;
    }

    // ---- timer and interrupts --------------------------------------------------------------------

    /** timer_set: arm (or with 0 cancel) the one-shot timer. */
    void armTimer(long deadline) {
        timerDeadline = deadline;
    }

    @Override
    public long queueHead(int q) {
        return queue[2 * q];
    }

    @Override
    public long queueTail(int q) {
        return queue[2 * q + 1];
    }

    @Override
    public void setQueueRegisters(int q, long head, long tail) {
        queue[2 * q] = head;
        queue[2 * q + 1] = tail;
    }

    @Override
    public void resetQueue(int q, long entries) {
        queueBytes[q] = entries * HvConstants.MONDO_SIZE;
        setQueueRegisters(q, 0, 0);
    }

    /**
     * queue_set_head: false, and nothing changed, unless {@code head} is a 64-byte offset
     * inside the ring. Entries left between head and tail raise the queue's vector again.
     */
    boolean setQueueHead(int q, long head) {
        long bytes = queueBytes[q];
        if ((head & (HvConstants.MONDO_SIZE - 1)) != 0 || head < 0 || (head >= bytes && head != 0)) {
            return false;
        }
        queue[2 * q] = head;
        queueRaised[q] = false;
        return true;
    }

    /** A pending vector, a due timer, a virtual interrupt not yet taken, or a non-empty queue. */
    @Override
    public boolean interruptPending(long now) {
        if ((pending[0] | pending[1] | pending[2] | pending[3]) != 0
                || (timerDeadline != 0 && now >= timerDeadline)
                || (vmcb.get32(INT_CTL) & INT_CTL_V_IRQ) != 0) {
            return true;
        }
        for (int q = 0; q < 4; q++) {
            if (queue[2 * q] != queue[2 * q + 1]) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long nextTimerEvent() {
        return timerDeadline != 0 ? timerDeadline : Long.MAX_VALUE;
    }

    @Override
    public void memoryWritten(long pa, long len) {
        cpu.memoryWritten(pa, len);
    }

    // ---- reports ---------------------------------------------------------------------------------

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> m = new LinkedHashMap<>(cpu.counters());
        for (int i = 0; i < exitCounts.length; i++) {
            if (exitCounts[i] != 0) {
                m.put("vmexit " + ExitCode.name(ExitHandlers.code(i)), exitCounts[i]);
            }
        }
        return m;
    }

    @Override
    public String report() {
        StringBuilder b = new StringBuilder();
        if (failure != null) {
            b.append("x86_64 vcpu ").append(vcpuId).append(": ").append(failure).append('\n');
        }
        b.append(cpu.report());
        if (failure != null) {
            b.append(VmcbDump.of(vmcb));
        }
        return b.toString();
    }

    /**
     * Captures the CPU's registers into the VMCB again, for a test (or a service) that changed
     * them directly after {@link #start} and before the first run.
     */
    public void captureCpuState() {
        cpu.svm().captureState(vmcb);
        vmcb.set64(EFER, vmcb.get64(EFER) | X86Arch.EFER_SVME);
        becomeHost();
    }

    /** What is left in the registers is the host's: CPL 0, SVM on, a host-save area. */
    private void becomeHost() {
        s.setCpl(0);
        s.efer |= X86Arch.EFER_SVME;
        s.hsavePa = hsave;
        dirty = -1;
    }
}
