package org.hyperstrand.ldom.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hyperstrand.ldom.model.LdmException;
import org.junit.jupiter.api.Test;

class PortRangeTest {

    @Test
    void parsesFirstDashLastAndRefusesAnythingElse() {
        PortRange r = PortRange.parse("5000-5002");
        assertEquals(5000, r.first());
        assertEquals(5002, r.last());
        assertEquals("console port range 'x' is not FIRST-LAST, e.g. 5000-5100",
                assertThrows(LdmException.class, () -> PortRange.parse("x")).getMessage());
        assertThrows(LdmException.class, () -> PortRange.parse("5100-5000"));
        assertThrows(LdmException.class, () -> PortRange.parse("0-10"));
        assertThrows(LdmException.class, () -> PortRange.parse("65535-65536"));
    }

    @Test
    void portsAreTakenOnceAndComeBack() {
        PortRange r = new PortRange(7000, 7002);
        assertTrue(r.take(7001));
        assertFalse(r.take(7001));
        assertFalse(r.take(6999), "outside the range");
        assertArrayEquals(new int[] {7000, 7002}, r.free());
        r.give(7001);
        assertArrayEquals(new int[] {7000, 7001, 7002}, r.free());
    }
}
