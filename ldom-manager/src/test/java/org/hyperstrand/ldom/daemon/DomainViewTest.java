package org.hyperstrand.ldom.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.hyperstrand.ldom.model.Arch;
import org.hyperstrand.ldom.model.Constraints;
import org.hyperstrand.ldom.model.LdomState;
import org.junit.jupiter.api.Test;

class DomainViewTest {

    private static DomainView active(double util, int port) {
        return new DomainView(new Constraints("ldg1", Arch.SPARC, null, 1, 0, false), LdomState.ACTIVE, List.of(0),
                List.of(), 5, Path.of("ldg1.log"), port, util, "", null);
    }

    @Test
    void utilIsPrintedAsLdmPrintsIt() {
        assertEquals("0.5%", active(0.5, 0).utilColumn());
        assertEquals("7.0%", active(7, 0).utilColumn());
        assertEquals("23%", active(23.4, 0).utilColumn());
        assertEquals("100%", active(100, 0).utilColumn());
        assertEquals("", active(-1, 0).utilColumn());
        assertEquals("23.4", active(23.4, 0).utilValue());
    }

    @Test
    void consIsThePortOrEmpty() {
        assertEquals("5000", active(0, 5000).cons());
        assertEquals("", active(0, 0).cons());
    }

    @Test
    void anOperationInProgressShowsInTheFlags() {
        assertEquals("-n----", active(1, 0).flags());
        DomainView stopping = new DomainView(new Constraints("ldg1", Arch.SPARC, null, 1, 0, false), LdomState.ACTIVE,
                List.of(0), List.of(), 5, Path.of("ldg1.log"), 0, 1, "", Operation.STOPPING.flags());
        assertEquals("st----", stopping.flags());
    }
}
