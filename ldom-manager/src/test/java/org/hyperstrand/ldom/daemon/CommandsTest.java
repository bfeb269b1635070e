package org.hyperstrand.ldom.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hyperstrand.ldom.model.LdmException;
import org.hyperstrand.ldom.protocol.Protocol;
import org.hyperstrand.ldom.protocol.Request;
import org.hyperstrand.ldom.protocol.Response;
import org.junit.jupiter.api.Test;

/** Command words, the protocol version check and the uptime format, without a daemon. */
class CommandsTest {

    @Test
    void aRequestOfAnotherProtocolVersionIsRefusedBeforeAnythingRuns() {
        Response r = new Commands(null).handle(new Request(Protocol.VERSION + 1, "/", List.of("destroy", "ldg1")));
        assertEquals(Response.error(Protocol.NO_DAEMON, "ldm speaks management protocol version 2, this ldmd speaks "
                + "version 1; use the ldm that came with this ldmd"), r);
    }

    @Test
    void wordsSplitIntoVerbOptionsPropertiesAndOperands() {
        ParsedCommand c = ParsedCommand.parse(List.of("stop", "-f", "-t", "5", "x=y", "ldg1"),
                Map.of("stop-domain", "ft"));
        assertEquals(new ParsedCommand("stop-domain", Set.of('f'), Map.of('t', "5"), Map.of("x", "y"), List.of("ldg1")),
                c);
        assertEquals("stop-domain: option -t needs a value", assertThrows(LdmException.class,
                () -> ParsedCommand.parse(List.of("stop", "-t"), Map.of("stop-domain", "ft"))).getMessage());
        assertEquals("add-domain: arch= is given twice", assertThrows(LdmException.class,
                () -> ParsedCommand.parse(List.of("create", "arch=x86", "arch=sparc"), Map.of("add-domain", "")))
                .getMessage());
    }

    @Test
    void uptimeShowsTheLargestUnitsFirst() {
        assertEquals("0s", Listings.uptime(0));
        assertEquals("59s", Listings.uptime(59));
        assertEquals("2m", Listings.uptime(150));
        assertEquals("19d 9m", Listings.uptime(19 * 86400 + 9 * 60));
        assertEquals("3d 21h 7m", Listings.uptime(3 * 86400 + 21 * 3600 + 7 * 60 + 5));
    }
}
