package org.hyperstrand.x86.host;

import static org.hyperstrand.x86.svm.VmcbLayout.EVENTINJ;
import static org.hyperstrand.x86.svm.VmcbLayout.EVENTINJ_ERROR;
import static org.hyperstrand.x86.svm.VmcbLayout.EVENT_ERROR_VALID;
import static org.hyperstrand.x86.svm.VmcbLayout.EVENT_TYPE_EXCEPTION;
import static org.hyperstrand.x86.svm.VmcbLayout.EVENT_TYPE_INTR;
import static org.hyperstrand.x86.svm.VmcbLayout.EVENT_TYPE_NMI;
import static org.hyperstrand.x86.svm.VmcbLayout.EVENT_TYPE_SHIFT;
import static org.hyperstrand.x86.svm.VmcbLayout.EVENT_TYPE_SOFT_INT;
import static org.hyperstrand.x86.svm.VmcbLayout.EVENT_VALID;
import static org.hyperstrand.x86.svm.VmcbLayout.EXITINTINFO;
import static org.hyperstrand.x86.svm.VmcbLayout.EXITINTINFO_ERROR;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hyperstrand.x86.cpu.X86Arch;
import org.hyperstrand.x86.svm.Vmcb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the hypervisor does with EXITINTINFO when it resumes a guest after an exit. */
class ExitIntInfoReinjectionTest {

    private X86Vcpu cpu;
    private Vmcb vmcb;

    @BeforeEach
    void vcpu() {
        cpu = new OneCpuDomain().core;
        vmcb = cpu.vmcb();
    }

    private static int event(int type, int vector) {
        return EVENT_VALID | (type << EVENT_TYPE_SHIFT) | vector;
    }

    private long injectedAfterExitWith(int exitIntInfo, int error) {
        vmcb.set32(EXITINTINFO, Integer.toUnsignedLong(exitIntInfo));
        vmcb.set32(EXITINTINFO_ERROR, error);
        cpu.reinjectInterruptedEvent();
        return vmcb.get32(EVENTINJ);
    }

    @Test
    void anExceptionIsInjectedAgainWithItsErrorCode() {
        int pf = event(EVENT_TYPE_EXCEPTION, X86Arch.PF_VECTOR) | EVENT_ERROR_VALID;
        assertEquals(Integer.toUnsignedLong(pf), injectedAfterExitWith(pf, 0x6));
        assertEquals(0x6, vmcb.get32(EVENTINJ_ERROR));
    }

    @Test
    void anInterruptAndAnNmiAreInjectedAgain() {
        int intr = event(EVENT_TYPE_INTR, 0x21);
        assertEquals(Integer.toUnsignedLong(intr), injectedAfterExitWith(intr, 0));
        vmcb.set32(EVENTINJ, 0);
        int nmi = event(EVENT_TYPE_NMI, X86Arch.NMI);
        assertEquals(Integer.toUnsignedLong(nmi), injectedAfterExitWith(nmi, 0));
    }

    @Test
    void softwareInterruptsAndBreakpointsAreReExecutedNotInjected() {
        assertEquals(0, injectedAfterExitWith(event(EVENT_TYPE_SOFT_INT, 0x80), 0));
        assertEquals(0, injectedAfterExitWith(event(EVENT_TYPE_EXCEPTION, X86Arch.BP), 0));
        assertEquals(0, injectedAfterExitWith(event(EVENT_TYPE_EXCEPTION, X86Arch.OF_VECTOR), 0));
    }

    @Test
    void nothingIsInjectedWithoutAnInterruptedEventOrOverTheHandlersOwnInjection() {
        assertEquals(0, injectedAfterExitWith(0, 0));
        int ud = event(EVENT_TYPE_EXCEPTION, X86Arch.UD);
        vmcb.set32(EVENTINJ, Integer.toUnsignedLong(ud));
        injectedAfterExitWith(event(EVENT_TYPE_INTR, 0x20), 0);
        assertEquals(Integer.toUnsignedLong(ud), vmcb.get32(EVENTINJ), "the handler's #UD stays");
    }
}
