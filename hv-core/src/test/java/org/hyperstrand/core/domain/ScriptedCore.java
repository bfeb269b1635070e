package org.hyperstrand.core.domain;

import java.util.ArrayDeque;
import java.util.Deque;
import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.spi.VcpuCore;
import org.hyperstrand.core.spi.VcpuExit;

/**
 * A CPU model that plays a script of hypercalls instead of running code: each step retires a
 * few instructions and makes one call; the statuses it gets back are recorded.
 */
final class ScriptedCore implements VcpuCore {

    record Step(int kind, long number, long[] args) {
    }

    private final HcallFrame frame = new HcallFrame();
    private final Deque<Step> script = new ArrayDeque<>();
    final Deque<Long> statuses = new ArrayDeque<>();
    final Deque<long[]> results = new ArrayDeque<>();
    private Step current;
    private long retired;
    long startedAt = -1;
    long startArg;

    ScriptedCore call(int kind, long number, long... args) {
        script.add(new Step(kind, number, args));
        return this;
    }

    @Override
    public int run(long budget) {
        if (script.isEmpty()) {
            retired += budget; // a busy loop
            return VcpuExit.BUDGET;
        }
        current = script.poll();
        retired += 3;
        frame.clear();
        for (int i = 0; i < current.args().length; i++) {
            frame.setArg(i, current.args()[i]);
        }
        return VcpuExit.HYPERCALL;
    }

    @Override
    public long retired() {
        return retired;
    }

    @Override
    public HcallFrame frame() {
        return frame;
    }

    @Override
    public int hypercallKind() {
        return current.kind();
    }

    @Override
    public long hypercallNumber() {
        return current.number();
    }

    @Override
    public void completeHypercall(long status) {
        statuses.add(status);
        results.add(new long[] {frame.result(1), frame.result(2)});
    }

    @Override
    public void start(long pc, long arg) {
        startedAt = pc;
        startArg = arg;
    }

    final long[] queueRegs = new long[8];
    long timer = Long.MAX_VALUE;

    @Override
    public long queueHead(int queue) {
        return queueRegs[2 * queue];
    }

    @Override
    public long queueTail(int queue) {
        return queueRegs[2 * queue + 1];
    }

    @Override
    public void setQueueRegisters(int queue, long head, long tail) {
        queueRegs[2 * queue] = head;
        queueRegs[2 * queue + 1] = tail;
    }

    @Override
    public boolean interruptPending(long now) {
        for (int q = 0; q < 4; q++) {
            if (queueRegs[2 * q] != queueRegs[2 * q + 1]) {
                return true;
            }
        }
        return now >= timer;
    }

    @Override
    public long nextTimerEvent() {
        return timer;
    }

    @Override
    public String report() {
        return "scripted core, " + script.size() + " steps left";
    }
}
