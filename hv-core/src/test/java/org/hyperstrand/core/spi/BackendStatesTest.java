package org.hyperstrand.core.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackendStatesTest {

    @Test
    void eachTypeIsMadeOnceAndKept() {
        BackendStates states = new BackendStates();
        AtomicInteger made = new AtomicInteger();
        StringBuilder first = states.get(StringBuilder.class, () -> {
            made.incrementAndGet();
            return new StringBuilder("a");
        });
        assertSame(first, states.get(StringBuilder.class, StringBuilder::new));
        assertEquals(1, made.get());
        assertEquals(Integer.valueOf(7), states.get(Integer.class, () -> 7), "another type has its own");
        assertSame(first, states.get(StringBuilder.class, StringBuilder::new));
    }
}
