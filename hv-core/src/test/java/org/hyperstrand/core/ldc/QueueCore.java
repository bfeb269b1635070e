package org.hyperstrand.core.ldc;

import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.spi.VcpuCore;
import org.hyperstrand.core.spi.VcpuExit;

/** A CPU that runs nothing but keeps its interrupt queue registers, as the CPU models do. */
final class QueueCore implements VcpuCore {

    private final HcallFrame frame = new HcallFrame();
    final long[] head = new long[4];
    final long[] tail = new long[4];
    /** What a run does before the CPU halts (a test may make it wait). */
    volatile Runnable onRun = () -> { };

    @Override
    public int run(long budget) {
        onRun.run();
        return VcpuExit.HALT;
    }

    @Override
    public long retired() {
        return 0;
    }

    @Override
    public HcallFrame frame() {
        return frame;
    }

    @Override
    public int hypercallKind() {
        return 0;
    }

    @Override
    public long hypercallNumber() {
        return 0;
    }

    @Override
    public void completeHypercall(long status) {
    }

    @Override
    public void start(long pc, long arg) {
    }

    @Override
    public String report() {
        return "";
    }

    @Override
    public long queueHead(int queue) {
        return head[queue];
    }

    @Override
    public long queueTail(int queue) {
        return tail[queue];
    }

    @Override
    public void setQueueRegisters(int queue, long h, long t) {
        head[queue] = h;
        tail[queue] = t;
    }

    @Override
    public boolean interruptPending(long now) {
        return false;
    }

    @Override
    public long nextTimerEvent() {
        return Long.MAX_VALUE;
    }
}
