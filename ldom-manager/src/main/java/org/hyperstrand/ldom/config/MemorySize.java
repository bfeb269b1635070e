package org.hyperstrand.ldom.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.hyperstrand.ldom.model.LdmException;
import org.hyperstrand.tools.Sizes;
import picocli.CommandLine.TypeConversionException;

/** A memory size in a YAML document, written the way operators type it: 0, 512M, 4G. */
record MemorySize(long bytes) {

    @JsonCreator
    static MemorySize parse(String text) {
        if (text.trim().equals("0")) {
            return new MemorySize(0);
        }
        try {
            return new MemorySize(Sizes.parse(text));
        } catch (TypeConversionException e) {
            throw new LdmException(e.getMessage());
        }
    }

    /** A plain number is bytes, as YAML writes 0 without quotes. */
    @JsonCreator
    static MemorySize ofBytes(long bytes) {
        if (bytes < 0) {
            throw new LdmException("memory cannot be negative");
        }
        return new MemorySize(bytes);
    }

    @JsonValue
    String text() {
        return bytes == 0 ? "0" : Sizes.format(bytes);
    }
}
