package org.hyperstrand.core.trace;

import java.util.List;
import org.hyperstrand.core.hcall.HcallFrame;
import org.hyperstrand.core.hcall.api.HvApiGroups;
import org.hyperstrand.core.hcall.api.HvCallSignatures;
import org.hyperstrand.core.hcall.api.HvCallSignatures.Param;
import org.hyperstrand.core.hcall.api.HvCallSignatures.Signature;
import org.hyperstrand.core.hcall.api.HvErrors;
import org.hyperstrand.core.spi.VcpuExit;

/**
 * A hypercall in the spec's words: {@code cons_write(buffer=0x10a000, size=14)} for what the
 * guest asked, {@code EOK written=14} for what it got. Values are shown as their spec type
 * suggests: addresses and bit sets in hex, counts and CPU ids in decimal, a group id with its
 * name, a status with its error name. Only called while tracing; it may allocate.
 */
public final class HcallDecoder {

    /** Plain integers below this are shown in decimal, larger ones in hex (addresses, masks). */
    private static final long DECIMAL_LIMIT = 0x10000;

    private HcallDecoder() {
    }

    /** The call of kind {@code kind} (a VcpuExit KIND_ constant) and number, with the frame's arguments. */
    public static String call(int kind, long number, HcallFrame frame) {
        Signature sig = signature(kind, number);
        if (sig == null) {
            return kindName(kind) + " call 0x" + Long.toHexString(number) + " (not in the spec)";
        }
        StringBuilder b = new StringBuilder(sig.name()).append('(');
        List<Param> args = sig.args();
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                b.append(", ");
            }
            b.append(args.get(i).name()).append('=').append(value(args.get(i), frame.arg(i)));
        }
        return b.append(')').toString();
    }

    /** What the call returned: the status by name and, on success, the frame's results by name. */
    public static String outcome(int kind, long number, long status, HcallFrame frame) {
        StringBuilder b = new StringBuilder(status(status));
        Signature sig = signature(kind, number);
        if (sig != null && status == HvErrors.EOK) {
            List<Param> results = sig.results();
            for (int n = 1; n <= results.size(); n++) {
                Param p = results.get(n - 1);
                b.append(' ').append(p.name()).append('=').append(value(p, frame.result(n)));
            }
        }
        return b.toString();
    }

    /** A status by its spec name, or "status N" for a number the spec does not define. */
    public static String status(long status) {
        String name = HvErrors.name(status);
        return name.equals(Long.toString(status)) ? "status " + status : name;
    }

    /** An API group id with its name ("core 0x1"), or the bare id when no group has it. */
    public static String group(long id) {
        int index = HvApiGroups.indexOf(id);
        String hex = "0x" + Long.toHexString(id);
        return index < 0 ? hex + " (no such group)" : HvApiGroups.ALL.get(index).name() + " " + hex;
    }

    private static Signature signature(int kind, long number) {
        return switch (kind) {
            case VcpuExit.KIND_FAST -> HvCallSignatures.fast(number);
            case VcpuExit.KIND_HYPERFAST -> HvCallSignatures.hyperfast(number);
            default -> HvCallSignatures.core(number);
        };
    }

    private static String kindName(int kind) {
        return switch (kind) {
            case VcpuExit.KIND_FAST -> "fast";
            case VcpuExit.KIND_HYPERFAST -> "hyper-fast";
            default -> "core";
        };
    }

    static String value(Param p, long v) {
        if (p.name().equals("group")) {
            return group(v);
        }
        return switch (p.type()) {
            case "ra", "va", "tte", "flags" -> hex(v);
            case "i64" -> Long.toString(v);
            case "char" -> v >= 0x20 && v < 0x7f ? "'" + (char) v + "'" : hex(v);
            default -> v >= 0 && v < DECIMAL_LIMIT ? Long.toString(v) : hex(v);
        };
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
