package org.hyperstrand.spec.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The types a spec may name for arguments, results and layout fields. Registers carry 64 bits
 * whatever the type; the type says what the value means and how a layout stores it.
 */
public enum ScalarType {
    U8("u8", 1, "uint8_t", "8-bit unsigned integer"),
    U16("u16", 2, "uint16_t", "16-bit unsigned integer"),
    U32("u32", 4, "uint32_t", "32-bit unsigned integer"),
    U64("u64", 8, "uint64_t", "64-bit unsigned integer"),
    I64("i64", 8, "int64_t", "64-bit signed integer"),
    CHAR("char", 1, "char", "character"),
    RA("ra", 8, "hv_ra_t", "real address: guest physical, checked against the domain's memory"),
    VA("va", 8, "hv_va_t", "virtual address"),
    CPUID("cpuid", 8, "hv_cpuid_t", "virtual CPU id as listed in the machine description"),
    CTX("ctx", 8, "hv_ctx_t", "MMU context number"),
    TTE("tte", 8, "hv_tte_t", "sun4v TTE data word"),
    FLAGS("flags", 8, "uint64_t", "bit set; meaning given per call");

    private final String specName;
    private final int size;
    private final String cType;
    private final String description;

    ScalarType(String specName, int size, String cType, String description) {
        this.specName = specName;
        this.size = size;
        this.cType = cType;
        this.description = description;
    }

    public static Optional<ScalarType> of(String name) {
        return Arrays.stream(values()).filter(t -> t.specName.equals(name)).findFirst();
    }

    public String specName() {
        return specName;
    }

    public int size() {
        return size;
    }

    public String cType() {
        return cType;
    }

    public String description() {
        return description;
    }
}
