package org.hyperstrand.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import org.junit.jupiter.api.Test;

class BackendsTest {

    private static ArchBackend backend(String binding, int machine) {
        ArchBackend b = mock(ArchBackend.class);
        when(b.binding()).thenReturn(binding);
        when(b.elfMachine()).thenReturn(machine);
        return b;
    }

    @Test
    void findsABackendByMachineAndBinding() {
        Backends all = new Backends(List.of(backend("sparc64", 43), backend("x86_64", 62)));
        assertEquals("x86_64", all.forElfMachine(62).orElseThrow().binding());
        assertEquals(43, all.forBinding("sparc64").orElseThrow().elfMachine());
        assertTrue(all.forElfMachine(3).isEmpty());
        assertEquals("sparc64, x86_64", all.names());
    }

    @Test
    void twoBackendsForOneArchitectureAreRefused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Backends(List.of(backend("sparc64", 43), backend("sparc64", 43))));
        assertTrue(e.getMessage().startsWith("two backends for sparc64 (ELF machine 43): "), e.getMessage());
    }

    @Test
    void noBackendIsNamedInMessages() {
        assertEquals("none", new Backends(List.of()).names());
    }
}
