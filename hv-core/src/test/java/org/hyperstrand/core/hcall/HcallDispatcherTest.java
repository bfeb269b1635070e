package org.hyperstrand.core.hcall;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.hyperstrand.core.hcall.api.CoreHandler;
import org.hyperstrand.core.hcall.api.HcallDispatcher;
import org.hyperstrand.core.hcall.api.HvApiGroups;
import org.hyperstrand.core.hcall.api.HvCalls;
import org.hyperstrand.core.hcall.api.HvErrors;
import org.hyperstrand.core.hcall.api.X86PlatformHandler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher generated from specs/hypercalls: a fast call runs only when its binding offers
 * it and the guest negotiated a group version that includes it; core-trap calls always run.
 */
class HcallDispatcherTest {

    private final CoreHandler core = mock(CoreHandler.class);
    private final X86PlatformHandler x86 = mock(X86PlatformHandler.class);
    private final HcallFrame frame = new HcallFrame();
    private HcallDispatcher sparc;
    private NegotiatedVersions sparcVersions;

    @BeforeEach
    void setUp() {
        sparc = HcallDispatcher.builder("sparc64").core(core).x86Platform(x86).build();
        sparcVersions = new NegotiatedVersions(sparc);
        when(core.cpuMyid(any())).thenReturn(HvErrors.EOK);
        when(core.consPutchar(any(), anyLong())).thenReturn(HvErrors.EOK);
    }

    @Test
    void aFastCallBeforeNegotiationIsABadTrap() {
        assertEquals(HvErrors.EBADTRAP, sparc.dispatchFast(HvCalls.FAST_CPU_MYID, frame, sparcVersions));
        verify(core, never()).cpuMyid(any());
    }

    @Test
    void aFastCallRunsOnceItsGroupIsNegotiated() {
        assertEquals(HvErrors.EOK, sparcVersions.set(HvApiGroups.CORE, 1, 0).status());
        assertEquals(HvErrors.EOK, sparc.dispatchFast(HvCalls.FAST_CPU_MYID, frame, sparcVersions));
        verify(core).cpuMyid(frame);
    }

    @Test
    void argumentsArriveInOrder() {
        sparcVersions.set(HvApiGroups.CORE, 1, 0);
        frame.setArg(0, 'x');
        sparc.dispatchFast(HvCalls.FAST_CONS_PUTCHAR, frame, sparcVersions);
        verify(core).consPutchar(frame, 'x');
    }

    @Test
    void aCallOfALaterMinorNeedsThatMinor() {
        sparcVersions.set(HvApiGroups.CORE, 1, 0);
        assertEquals(HvErrors.EBADTRAP, sparc.dispatchFast(HvCalls.FAST_CPU_STOP, frame, sparcVersions));
        sparcVersions.set(HvApiGroups.CORE, 1, 1);
        sparc.dispatchFast(HvCalls.FAST_CPU_STOP, frame, sparcVersions);
        verify(core).cpuStop(frame, 0);
    }

    @Test
    void coreTrapCallsNeedNoNegotiation() {
        sparc.dispatchCore(HvCalls.CORE_API_PUTCHAR, frame);
        verify(core).apiPutchar(frame, 0);
    }

    @Test
    void unknownNumbersAreBadTraps() {
        sparcVersions.set(HvApiGroups.CORE, 1, 1);
        assertEquals(HvErrors.EBADTRAP, sparc.dispatchFast(0x7777, frame, sparcVersions));
        assertEquals(HvErrors.EBADTRAP, sparc.dispatchFast(0x1_0000_0016L, frame, sparcVersions));
        assertEquals(HvErrors.EBADTRAP, sparc.dispatchCore(0x55, frame));
        assertEquals(HvErrors.EBADTRAP, sparc.dispatchHyperfast(0x85, frame, sparcVersions));
    }

    @Test
    void callsAreOfferedOnlyOnTheirArchitecture() {
        HcallDispatcher x86Dispatcher = HcallDispatcher.builder("x86_64").core(core).x86Platform(x86).build();
        NegotiatedVersions v = new NegotiatedVersions(x86Dispatcher);
        v.set(HvApiGroups.CORE, 1, 1);
        assertEquals(HvErrors.EBADTRAP, x86Dispatcher.dispatchFast(HvCalls.FAST_MMU_TSB_CTX0, frame, v));
        assertEquals(HvErrors.EBADTRAP, x86Dispatcher.dispatchHyperfast(HvCalls.HYPERFAST_MMU_MAP_ADDR, frame, v));
        verify(core, never()).mmuTsbCtx0(any(), anyLong(), anyLong());
        // and the x86-only group is unknown to a sparc64 guest
        assertEquals(HvErrors.EINVAL, sparcVersions.set(HvApiGroups.X86_PLATFORM, 1, 0).status());
        assertEquals(HvErrors.EOK, v.set(HvApiGroups.X86_PLATFORM, 1, 0).status());
        x86Dispatcher.dispatchFast(HvCalls.FAST_TIME_GET, frame, v);
        verify(x86).timeGet(frame);
    }

    @Test
    void setVersionFollowsTheSun4vRules() {
        assertEquals(new NegotiatedVersions.Answer(HvErrors.EINVAL, 0, 0), sparcVersions.set(0x7fff, 1, 0));
        assertEquals(new NegotiatedVersions.Answer(HvErrors.ENOTSUPPORTED, 0, 0),
                sparcVersions.set(HvApiGroups.CORE, 9, 0));
        // a minor above the highest offered is lowered to it
        assertEquals(new NegotiatedVersions.Answer(HvErrors.EOK, 1, 1), sparcVersions.set(HvApiGroups.CORE, 1, 6));
        assertEquals(new NegotiatedVersions.Answer(HvErrors.EOK, 1, 1), sparcVersions.get(HvApiGroups.CORE));
        // major 0 disables the group again
        assertEquals(new NegotiatedVersions.Answer(HvErrors.EOK, 0, 0), sparcVersions.set(HvApiGroups.CORE, 0, 0));
        assertEquals(HvErrors.EBADTRAP, sparc.dispatchFast(HvCalls.FAST_CPU_MYID, frame, sparcVersions));
        // the sun4v group accepts only major 1 and reports minor 0
        assertEquals(new NegotiatedVersions.Answer(HvErrors.EOK, 1, 0), sparcVersions.set(HvApiGroups.SUN4V, 1, 3));
        assertEquals(HvErrors.ENOTSUPPORTED, sparcVersions.set(HvApiGroups.SUN4V, 2, 0).status());
        // never negotiated reads 0.0; unknown group EINVAL
        assertEquals(new NegotiatedVersions.Answer(HvErrors.EOK, 0, 0), sparcVersions.get(HvApiGroups.LDOM));
        assertEquals(HvErrors.EINVAL, sparcVersions.get(0x7fff).status());
    }

    @Test
    void aGroupWithoutHandlerIsNotSupported() {
        // this dispatcher has no ldom handler: the group exists but cannot be enabled
        assertEquals(HvErrors.ENOTSUPPORTED, sparcVersions.set(HvApiGroups.LDOM, 1, 0).status());
    }
}
