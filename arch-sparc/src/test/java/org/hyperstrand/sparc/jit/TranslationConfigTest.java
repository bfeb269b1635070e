package org.hyperstrand.sparc.jit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hyperstrand.sparc.TestGuest;
import org.hyperstrand.sparc.cpu.SparcCore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TranslationConfigTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty(TranslationConfig.ENABLED_PROPERTY);
        System.clearProperty(TranslationConfig.THRESHOLD_PROPERTY);
    }

    @Test
    void onByDefault() {
        TranslationConfig c = TranslationConfig.fromSystemProperties();
        assertTrue(c.enabled());
        assertEquals(TranslationConfig.DEFAULT_THRESHOLD, c.threshold());
        assertNotNull(new SparcCore(new TestGuest(), 0).translation());
    }

    @Test
    void theSystemPropertyTurnsTheTierOff() {
        System.setProperty(TranslationConfig.ENABLED_PROPERTY, "false");
        assertFalse(TranslationConfig.fromSystemProperties().enabled());
        assertNull(new SparcCore(new TestGuest(), 0).translation());
    }

    @Test
    void aThresholdThatIsNotANumberIsAClearError() {
        System.setProperty(TranslationConfig.THRESHOLD_PROPERTY, "lots");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, TranslationConfig::fromSystemProperties);
        assertEquals("-Dhv.sparc.jit.threshold must be a number, not 'lots'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TranslationConfig(true, 0, 48));
        assertThrows(IllegalArgumentException.class, () -> new TranslationConfig(true, 1, 1000));
    }
}
