package org.hyperstrand.ldom.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hyperstrand.core.mem.MemoryBlock;
import org.hyperstrand.ldom.model.Constraints;
import org.hyperstrand.tools.Sizes;

/** The layouts of ldm-cli.md section 2, plus an ARCH column. */
final class Listings {

    /** The VERSION line of the parseable format; bumped with its keys, like ldm's. */
    static final String PARSEABLE_VERSION = "1.0";
    private static final String HEADER = "NAME             STATE      FLAGS   CONS    VCPU  MEMORY   UTIL  UPTIME"
            + "        ARCH";
    private static final String RULE = "-".repeat(78);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Listings() {
    }

    static String table(List<DomainView> views) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        views.forEach(v -> out.append(row(v)).append('\n'));
        return out.toString();
    }

    private static String row(DomainView v) {
        return String.format("%-16s %-10s %-7s %-7s %-5d %-8s %5s %-13s %s", v.name(), v.state().word(), v.flags(),
                v.cons(), v.vcpus(), size(v.memoryBytes()), v.utilColumn(),
                v.uptimeSeconds() < 0 ? "" : uptime(v.uptimeSeconds()),
                v.constraints().arch().word()).replaceAll(" +$", "");
    }

    /** The long form (and list-bindings): the row, then each bound domain's strands and mblocks. */
    static String longForm(List<DomainView> views) {
        List<String> blocks = new ArrayList<>();
        for (DomainView v : views) {
            StringBuilder b = new StringBuilder(HEADER).append('\n').append(row(v)).append("\n\n");
            Constraints c = v.constraints();
            b.append("DOMAIN\n    ARCH     IMAGE\n    ").append(String.format("%-8s %s", c.arch().word(),
                    c.image() == null ? "" : c.image()).stripTrailing()).append("\n\n");
            if (!v.strands().isEmpty()) {
                b.append("VCPU\n    VID    PID\n");
                for (int i = 0; i < v.strands().size(); i++) {
                    b.append(String.format("    %-6d %d%n", i, v.strands().get(i)));
                }
                b.append("\nMEMORY\n    RA               PA               SIZE\n");
                for (MemoryBlock m : v.memory()) {
                    b.append(String.format("    %-16s %-16s %s%n", hex(m.ra()), hex(m.pa()), size(m.size())));
                }
                b.append('\n');
            }
            b.append("VCONS\n    NAME             PORT   LOG\n    ").append(String.format("%-16s %-6s %s",
                    v.name(), v.cons(), v.consoleLog())).append('\n');
            if (!v.lastRun().isEmpty()) {
                b.append("\nLAST RUN\n    ").append(v.lastRun()).append('\n');
            }
            blocks.add(b.toString());
        }
        return String.join(RULE + "\n", blocks);
    }

    /** {@code list -p}: a VERSION line, then one DOMAIN record each; memory in bytes, uptime in seconds. */
    static String parseable(List<DomainView> views) {
        StringBuilder out = new StringBuilder("VERSION ").append(PARSEABLE_VERSION).append('\n');
        for (DomainView v : views) {
            out.append("DOMAIN|name=").append(v.name()).append("|state=").append(v.state().word())
                    .append("|flags=").append(v.flags()).append("|cons=").append(v.cons())
                    .append("|ncpu=").append(v.vcpus())
                    .append("|mem=").append(v.memoryBytes()).append("|util=").append(v.utilValue())
                    .append("|uptime=")
                    .append(v.uptimeSeconds() < 0 ? "" : Long.toString(v.uptimeSeconds()))
                    .append("|arch=").append(v.constraints().arch().word()).append('\n');
        }
        return out.toString();
    }

    /** {@code list -o json}: the parseable fields as JSON, absent values as null. */
    static String json(List<DomainView> views) {
        List<Map<String, Object>> domains = new ArrayList<>();
        for (DomainView v : views) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", v.name());
            d.put("state", v.state().word());
            d.put("flags", v.flags());
            d.put("cons", v.consolePort() == 0 ? null : v.consolePort());
            d.put("ncpu", v.vcpus());
            d.put("mem", v.memoryBytes());
            d.put("util", v.util() < 0 ? null : Math.round(v.util() * 10) / 10.0);
            d.put("uptime", v.uptimeSeconds() < 0 ? null : v.uptimeSeconds());
            d.put("arch", v.constraints().arch().word());
            d.put("image", v.constraints().image() == null ? null : v.constraints().image().toString());
            domains.add(d);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("version", PARSEABLE_VERSION);
        doc.put("domains", domains);
        try {
            return JSON.writeValueAsString(doc) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code list-constraints}: what was asked for, section by section (ldm-cli.md 5.1). */
    static String constraints(List<DomainView> views) {
        List<String> blocks = new ArrayList<>();
        for (DomainView v : views) {
            Constraints c = v.constraints();
            blocks.add("DOMAIN\n" + c.name() + "\n\nARCH\n    " + c.arch().word() + "\n\nIMAGE\n    "
                    + (c.image() == null ? "" : c.image()) + "\n\nVCPU\n    COUNT\n    " + c.vcpus()
                    + "\n\nMEMORY\n    SIZE\n    " + size(c.memory()) + "\n\nVARIABLES\n    auto-boot?="
                    + c.autoBoot() + "\n");
        }
        return String.join("\n", blocks);
    }

    /**
     * {@code list-services} (ldm-cli.md 2.7): the console concentrator ldmd runs, its port range
     * and the console each bound domain has.
     */
    static String services(String portRange, Map<String, Integer> ports, boolean parseable) {
        StringBuilder out = new StringBuilder();
        if (parseable) {
            out.append("VERSION ").append(PARSEABLE_VERSION).append('\n')
                    .append("VCC|name=vcc0|ldom=ldmd|port-range=").append(portRange).append('\n');
            ports.forEach((name, port) -> out.append("|console=").append(name).append("|port=").append(port)
                    .append('\n'));
            return out.toString();
        }
        out.append("VCC\n    NAME             LDOM             PORT-RANGE\n")
                .append(String.format("    %-16s %-16s %s%n", "vcc0", "ldmd", portRange));
        if (!ports.isEmpty()) {
            out.append("    CONSOLE          PORT\n");
            ports.forEach((name, port) -> out.append(String.format("    %-16s %d%n", name, port)));
        }
        return out.toString();
    }

    static String size(long bytes) {
        return bytes == 0 ? "0" : Sizes.format(bytes);
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** 0s, 42s, 2m, 3d 21h 7m: largest units first (ldm-cli.md 2.1). */
    static String uptime(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        List<String> parts = new ArrayList<>();
        long d = seconds / 86400;
        long h = seconds / 3600 % 24;
        long m = seconds / 60 % 60;
        if (d > 0) {
            parts.add(d + "d");
        }
        if (h > 0) {
            parts.add(h + "h");
        }
        if (m > 0) {
            parts.add(m + "m");
        }
        return String.join(" ", parts);
    }
}
