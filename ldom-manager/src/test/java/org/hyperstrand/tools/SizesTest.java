package org.hyperstrand.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class SizesTest {

    @Test
    void parsesUnits() {
        assertEquals(512L << 10, Sizes.parse("512K"));
        assertEquals(64L << 20, Sizes.parse("64M"));
        assertEquals(64L << 20, Sizes.parse("64mb"));
        assertEquals(4L << 30, Sizes.parse("4G"));
        assertEquals(4096, Sizes.parse("4096"));
    }

    @Test
    void refusesNonsenseWithOneLine() {
        for (String bad : new String[] {"", "M", "-4M", "0", "12Q", "99999999999999999999G", "4 M"}) {
            TypeConversionException e = assertThrows(TypeConversionException.class, () -> Sizes.parse(bad), bad);
            assertEquals("invalid size '" + bad + "' (use a positive number with K, M or G)", e.getMessage());
        }
    }

    @Test
    void formatsWithTheLargestExactUnit() {
        assertEquals("64M", Sizes.format(64L << 20));
        assertEquals("1536K", Sizes.format(1536L << 10));
        assertEquals("2G", Sizes.format(2L << 30));
        assertEquals("100", Sizes.format(100));
    }
}
