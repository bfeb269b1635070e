package org.hyperstrand.ldom.daemon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hyperstrand.ldom.model.LdmException;

/**
 * An ldm command line split the ldm way: the verb (aliases resolved), single-letter options,
 * {@code key=value} properties and the remaining operands, the domain name last.
 */
record ParsedCommand(String verb, Set<Character> flags, Map<Character, String> options, Map<String, String> props,
                     List<String> operands) {

    /** Short forms of ldm-cli.md 1.1, to the long names. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("create", "add-domain"), Map.entry("modify", "set-domain"),
            Map.entry("destroy", "remove-domain"), Map.entry("rm-domain", "remove-domain"),
            Map.entry("bind", "bind-domain"), Map.entry("unbind", "unbind-domain"),
            Map.entry("start", "start-domain"), Map.entry("stop", "stop-domain"), Map.entry("panic", "panic-domain"),
            Map.entry("rm-vcpu", "remove-vcpu"),
            Map.entry("add-mem", "add-memory"), Map.entry("set-mem", "set-memory"),
            Map.entry("remove-mem", "remove-memory"), Map.entry("rm-memory", "remove-memory"),
            Map.entry("rm-mem", "remove-memory"),
            Map.entry("list", "list-domain"), Map.entry("ls", "list-domain"), Map.entry("ls-domain", "list-domain"),
            Map.entry("ls-bindings", "list-bindings"), Map.entry("ls-constraints", "list-constraints"),
            Map.entry("ls-devices", "list-devices"), Map.entry("ls-services", "list-services"),
            Map.entry("add-config", "add-spconfig"), Map.entry("set-config", "set-spconfig"),
            Map.entry("remove-config", "remove-spconfig"), Map.entry("rm-config", "remove-spconfig"),
            Map.entry("rm-spconfig", "remove-spconfig"), Map.entry("list-config", "list-spconfig"),
            Map.entry("ls-config", "list-spconfig"), Map.entry("ls-spconfig", "list-spconfig"));

    /** Options that take a value: -t seconds, -o format, -i file. */
    private static final Set<Character> WITH_VALUE = Set.of('t', 'o', 'i');

    static ParsedCommand parse(List<String> args, Map<String, String> allowedFlags) {
        if (args.isEmpty()) {
            throw new LdmException("missing command; see ldm --help");
        }
        String verb = ALIASES.getOrDefault(args.get(0), args.get(0));
        String allowed = allowedFlags.get(verb);
        if (allowed == null) {
            throw new LdmException("unknown command '" + args.get(0) + "'; see ldm --help");
        }
        Set<Character> flags = new HashSet<>();
        Map<Character, String> options = new HashMap<>();
        Map<String, String> props = new LinkedHashMap<>();
        List<String> operands = new ArrayList<>();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.length() == 2 && a.charAt(0) == '-' && Character.isLetter(a.charAt(1))) {
                char o = a.charAt(1);
                if (allowed.indexOf(o) < 0) {
                    throw new LdmException(verb + " has no option " + a);
                }
                if (WITH_VALUE.contains(o)) {
                    if (i + 1 >= args.size()) {
                        throw new LdmException(verb + ": option " + a + " needs a value");
                    }
                    options.put(o, args.get(++i));
                } else {
                    flags.add(o);
                }
            } else if (a.indexOf('=') > 0) {
                String key = a.substring(0, a.indexOf('='));
                if (props.put(key, a.substring(a.indexOf('=') + 1)) != null) {
                    throw new LdmException(verb + ": " + key + "= is given twice");
                }
            } else {
                operands.add(a);
            }
        }
        return new ParsedCommand(verb, flags, options, props, operands);
    }

    boolean has(char flag) {
        return flags.contains(flag);
    }

    /** The single domain operand, or a usage error. */
    String domain(String usage) {
        if (operands.size() != 1) {
            throw new LdmException("usage: ldm " + usage);
        }
        return operands.get(0);
    }

    void noProps(String usage) {
        if (!props.isEmpty()) {
            throw new LdmException(verb + " takes no property " + props.keySet().iterator().next() + "=; usage: ldm "
                    + usage);
        }
    }
}
