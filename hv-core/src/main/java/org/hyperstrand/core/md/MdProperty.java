package org.hyperstrand.core.md;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * One property of an MD node, in the four kinds the binary MD carries (reference section 8.1):
 * a 64-bit value (PROP_VAL), a string (PROP_STR), raw bytes (PROP_DATA) or an arc (PROP_ARC).
 */
public sealed interface MdProperty permits MdProperty.Val, MdProperty.Str, MdProperty.Data, MdProperty.Arc {

    /** Arc names Linux and Solaris follow: "fwd" points down the graph, "back" up (section 8.1). */
    String FWD = "fwd";
    String BACK = "back";

    String name();

    /** PROP_VAL: a 64-bit integer. */
    record Val(String name, long value) implements MdProperty {
        public Val {
            MdFormat.checkName(name);
        }

        @Override
        public String toString() {
            return name + " = 0x" + Long.toHexString(value);
        }
    }

    /** PROP_STR: a C string, stored UTF-8 with its NUL, so it may not contain a NUL itself. */
    record Str(String name, String value) implements MdProperty {
        public Str {
            MdFormat.checkName(name);
            Objects.requireNonNull(value, "value");
            if (value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("string property " + name + " contains a NUL");
            }
        }

        @Override
        public String toString() {
            return name + " = \"" + value + "\"";
        }
    }

    /** PROP_DATA: raw bytes; a string list is packed as NUL-terminated strings (section 8.1). */
    record Data(String name, byte[] bytes) implements MdProperty {
        public Data {
            MdFormat.checkName(name);
            bytes = bytes.clone();
        }

        /** A string list ("compatible" and the like): each string followed by a NUL. */
        public static Data ofStrings(String name, List<String> strings) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (String s : strings) {
                if (s.indexOf('\0') >= 0) {
                    throw new IllegalArgumentException("string list " + name + " has a NUL inside an entry");
                }
                out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
                out.write(0);
            }
            return new Data(name, out.toByteArray());
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public int length() {
            return bytes.length;
        }

        /** The bytes read as a NUL-terminated string list; an unterminated tail counts as one more entry. */
        public List<String> strings() {
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i <= bytes.length; i++) {
                if (i == bytes.length ? i > start : bytes[i] == 0) {
                    out.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            return out;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Data d && name.equals(d.name) && Arrays.equals(bytes, d.bytes);
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return name + " = [" + HexFormat.ofDelimiter(" ").formatHex(bytes) + "]";
        }
    }

    /**
     * PROP_ARC to another node of the same graph. Equality looks at the target's position only,
     * so comparing graphs with cycles (fwd down, back up) terminates.
     */
    record Arc(String name, MdNode target) implements MdProperty {
        public Arc {
            if (!FWD.equals(name) && !BACK.equals(name)) {
                throw new IllegalArgumentException("arc name must be fwd or back: " + name);
            }
            Objects.requireNonNull(target, "target");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Arc a && name.equals(a.name) && target.ordinal() == a.target.ordinal()
                    && target.type().equals(a.target.type());
        }

        @Override
        public int hashCode() {
            return 31 * name.hashCode() + target.ordinal();
        }

        @Override
        public String toString() {
            return name + " -> " + target.label();
        }
    }
}
