package org.hyperstrand.spec.gen.c;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.Call;
import org.hyperstrand.spec.model.CallKind;
import org.hyperstrand.spec.model.ScalarType;

/** How spec names and numbers are spelled in C. */
final class CNames {

    /**
     * Words a spec name must not become in C: keywords (C99, GNU, C23) and the type names the
     * header itself uses, which a parameter of that name would shadow.
     */
    private static final Set<String> RESERVED = Stream.concat(Stream.of(
            "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum",
            "extern", "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return",
            "short", "signed", "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void",
            "volatile", "while", "asm", "typeof", "bool", "true", "false", "alignas", "alignof", "nullptr",
            "constexpr", "static_assert", "thread_local"),
            Arrays.stream(ScalarType.values()).map(ScalarType::cType)).collect(Collectors.toUnmodifiableSet());

    private CNames() {
    }

    static String upper(String specName) {
        return specName.toUpperCase(Locale.ROOT);
    }

    /** A spec name as a C identifier: unchanged unless it is reserved, then with a trailing underscore. */
    static String identifier(String specName) {
        return RESERVED.contains(specName) ? specName + "_" : specName;
    }

    /** The macro holding a call's number: its function number, or its trap number for hyper-fast calls. */
    static String callMacro(Call call) {
        return switch (call.kind()) {
            case FAST -> "HV_FAST_" + upper(call.name());
            case CORE -> "HV_CORE_" + upper(call.name());
            case HYPERFAST -> "HV_" + upper(call.name()) + "_TRAP";
        };
    }

    /** The macro holding the shared trap number of a call kind (fast and core traps). */
    static String trapMacro(CallKind kind) {
        return "HV_" + upper(kind.keyword()) + "_TRAP";
    }

    static String groupMacro(ApiGroup group) {
        return "HV_GRP_" + upper(group.name());
    }

    static String stubName(Call call) {
        return "hv_" + call.name();
    }

    static String structName(String layoutName) {
        return "hv_" + layoutName;
    }

    /** A number as hex with at least two digits; negative longs stand for values of 2^63 and up. */
    static String hex(long value) {
        return String.format("0x%02x", value);
    }

    /** An integer literal for a #define: plain when it fits in an int, else suffixed; negatives in parentheses. */
    static String literal(long value) {
        if (value >= 0) {
            return value <= Integer.MAX_VALUE ? Long.toString(value) : String.format("0x%xULL", value);
        }
        if (value == Long.MIN_VALUE) {
            // -9223372036854775808 is not a literal in C: the number alone does not fit in long long
            return "(-9223372036854775807LL - 1)";
        }
        if (value == Integer.MIN_VALUE) {
            return "(-2147483647 - 1)"; // same reason, one size down: keeps the type int
        }
        return value > Integer.MIN_VALUE ? "(" + value + ")" : "(" + value + "LL)";
    }
}
