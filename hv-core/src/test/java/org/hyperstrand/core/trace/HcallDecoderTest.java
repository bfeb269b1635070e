package org.hyperstrand.core.trace;

import static org.hyperstrand.core.spi.VcpuExit.KIND_CORE;
import static org.hyperstrand.core.spi.VcpuExit.KIND_FAST;
import static org.hyperstrand.core.spi.VcpuExit.KIND_HYPERFAST;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.hcall.api.HvCalls;
import org.hyperstrand.core.hcall.api.HvErrors;
import org.junit.jupiter.api.Test;

class HcallDecoderTest {

    private static HcallFrame args(long... values) {
        HcallFrame f = new HcallFrame();
        for (int i = 0; i < values.length; i++) {
            f.setArg(i, values[i]);
        }
        return f;
    }

    @Test
    void argumentsAreNamedAndShownAsTheirTypeSuggests() {
        assertEquals("cons_write(buffer=0x10a000, size=14)",
                HcallDecoder.call(KIND_FAST, HvCalls.FAST_CONS_WRITE, args(0x10a000, 14)));
        assertEquals("mem_scrub(ra=0x0, length=0x200000)",
                HcallDecoder.call(KIND_FAST, HvCalls.FAST_MEM_SCRUB, args(0, 0x200000)));
        assertEquals("mmu_map_addr(va=0x40000000, ctx=0, tte=0x8000000000400480, flags=0x3)",
                HcallDecoder.call(KIND_HYPERFAST, HvCalls.HYPERFAST_MMU_MAP_ADDR,
                        args(0x40000000L, 0, 0x8000000000400480L, 3)));
        assertEquals("cpu_yield()", HcallDecoder.call(KIND_FAST, HvCalls.FAST_CPU_YIELD, args()));
    }

    @Test
    void aGroupIdIsShownWithItsName() {
        assertEquals("api_set_version(group=core 0x1, major=1, minor=1)",
                HcallDecoder.call(KIND_CORE, HvCalls.CORE_API_SET_VERSION, args(1, 1, 1)));
        assertEquals("api_get_version(group=0x77 (no such group))",
                HcallDecoder.call(KIND_CORE, HvCalls.CORE_API_GET_VERSION, args(0x77)));
    }

    @Test
    void aCharacterIsShownAsOneWhenPrintable() {
        assertEquals("api_putchar(ch='H')", HcallDecoder.call(KIND_CORE, HvCalls.CORE_API_PUTCHAR, args('H')));
        assertEquals("api_putchar(ch=0xa)", HcallDecoder.call(KIND_CORE, HvCalls.CORE_API_PUTCHAR, args('\n')));
    }

    @Test
    void aNumberTheSpecDoesNotDefineSaysSo() {
        assertEquals("fast call 0xfff (not in the spec)", HcallDecoder.call(KIND_FAST, 0xfff, args()));
        assertEquals("hyper-fast call 0x80 (not in the spec)", HcallDecoder.call(KIND_HYPERFAST, 0x80, args()));
        assertEquals("EBADTRAP", HcallDecoder.outcome(KIND_FAST, 0xfff, HvErrors.EBADTRAP, args()));
    }

    @Test
    void successShowsTheNamedResults() {
        HcallFrame f = args(0x10a000, 14);
        f.setResult(1, 14);
        assertEquals("EOK count=14", HcallDecoder.outcome(KIND_FAST, HvCalls.FAST_CONS_WRITE, HvErrors.EOK, f));
        HcallFrame ch = args();
        ch.setResult(1, -1);
        assertEquals("EOK ch=-1", HcallDecoder.outcome(KIND_FAST, HvCalls.FAST_CONS_GETCHAR, HvErrors.EOK, ch));
    }

    @Test
    void anErrorIsShownByNameWithoutTheResults() {
        HcallFrame f = args(0x7fff_0000L, 14);
        f.setResult(1, 99);
        assertEquals("ENORADDR", HcallDecoder.outcome(KIND_FAST, HvCalls.FAST_CONS_WRITE, HvErrors.ENORADDR, f));
        assertEquals("EBADTRAP", HcallDecoder.status(7));
        assertEquals("status 99", HcallDecoder.status(99));
        assertEquals("status -1", HcallDecoder.status(-1));
    }
}
