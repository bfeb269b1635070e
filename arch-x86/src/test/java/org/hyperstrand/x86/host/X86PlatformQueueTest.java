package org.hyperstrand.x86.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hyperstrand.core.domain.Vcpu;
import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.hcall.api.HvConstants;
import org.hyperstrand.core.hcall.api.HvErrors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** queue_state and queue_set_head: the x86_64 stand-ins for the ASI_QUEUE registers. */
class X86PlatformQueueTest {

    private static final long CPU_MONDO = HvConstants.CPU_MONDO_QUEUE;

    private Vcpu cpu;
    private X86Vcpu core;
    private X86Platform calls;
    private HcallFrame frame;

    @BeforeEach
    void domain() {
        OneCpuDomain d = new OneCpuDomain();
        cpu = d.cpu;
        core = d.core;
        calls = new X86Platform(d.domain);
        frame = new HcallFrame();
        frame.setCaller(cpu);
    }

    @Test
    void stateReadsTheRegistersTheHypervisorAdvanced() {
        core.resetQueue(0, 8);
        core.setQueueRegisters(0, 0x40, 0x100);
        assertEquals(HvErrors.EOK, calls.queueState(frame, CPU_MONDO));
        assertEquals(0x40, frame.result(1));
        assertEquals(0x100, frame.result(2));
    }

    @Test
    void eachQueueHasItsOwnRegisters() {
        core.resetQueue(3, 4);
        core.setQueueRegisters(3, 0x80, 0xc0);
        assertEquals(HvErrors.EOK, calls.queueState(frame, HvConstants.NONRESUMABLE_ERROR_QUEUE));
        assertEquals(0x80, frame.result(1));
        assertEquals(0xc0, frame.result(2));
        assertEquals(HvErrors.EOK, calls.queueState(frame, CPU_MONDO));
        assertEquals(0, frame.result(1));
        assertEquals(0, frame.result(2));
    }

    @Test
    void anUnknownQueueIsInvalid() {
        assertEquals(HvErrors.EINVAL, calls.queueState(frame, CPU_MONDO - 1));
        assertEquals(HvErrors.EINVAL, calls.queueState(frame, HvConstants.NONRESUMABLE_ERROR_QUEUE + 1));
        assertEquals(HvErrors.EINVAL, calls.queueSetHead(frame, -1, 0));
    }

    @Test
    void settingTheHeadToTheTailEmptiesTheQueue() {
        core.resetQueue(0, 8);
        core.setQueueRegisters(0, 0, 0x80);
        assertTrue(core.interruptPending(0));
        assertEquals(HvErrors.EOK, calls.queueSetHead(frame, CPU_MONDO, 0x80));
        assertEquals(0x80, core.queueHead(0));
        assertFalse(core.interruptPending(0));
    }

    @Test
    void aHeadOutsideTheRingOrOffAnEntryIsRefusedAndNothingChanges() {
        core.resetQueue(0, 8);
        core.setQueueRegisters(0, 0x40, 0x80);
        assertEquals(HvErrors.EINVAL, calls.queueSetHead(frame, CPU_MONDO, 8 * 64), "one past the ring");
        assertEquals(HvErrors.EINVAL, calls.queueSetHead(frame, CPU_MONDO, 0x48), "not an entry boundary");
        assertEquals(HvErrors.EINVAL, calls.queueSetHead(frame, CPU_MONDO, -64));
        assertEquals(0x40, core.queueHead(0));
        assertEquals(HvErrors.EOK, calls.queueSetHead(frame, CPU_MONDO, 7 * 64), "the last entry");
    }

    @Test
    void aQueueThatIsNotConfiguredTakesOnlyHeadZero() {
        assertEquals(HvErrors.EOK, calls.queueSetHead(frame, CPU_MONDO, 0));
        assertEquals(HvErrors.EINVAL, calls.queueSetHead(frame, CPU_MONDO, 64));
        core.resetQueue(0, 2);
        assertEquals(HvErrors.EOK, calls.queueSetHead(frame, CPU_MONDO, 64));
        core.resetQueue(0, 0);
        assertEquals(0, core.queueHead(0), "removing the queue resets its registers");
        assertEquals(HvErrors.EINVAL, calls.queueSetHead(frame, CPU_MONDO, 64));
    }
}
