package org.hyperstrand.ldom.daemon;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.ToLongFunction;
import org.hyperstrand.core.machine.Machine;
import org.hyperstrand.ldom.config.ConfigStore;
import org.hyperstrand.ldom.model.Arch;
import org.hyperstrand.ldom.model.Constraints;
import org.hyperstrand.ldom.model.LdmException;
import org.hyperstrand.ldom.protocol.Protocol;
import org.hyperstrand.ldom.protocol.Request;
import org.hyperstrand.ldom.protocol.Response;
import org.hyperstrand.tools.Sizes;
import picocli.CommandLine.TypeConversionException;

/** The ldm commands as ldmd carries them out: parse, check, act, answer with what ldm prints. */
final class Commands {

    /** Each long command name and the option letters it accepts. */
    private static final Map<String, String> VERBS = Map.ofEntries(
            Map.entry("add-domain", "i"), Map.entry("set-domain", ""), Map.entry("remove-domain", ""),
            Map.entry("bind-domain", ""), Map.entry("unbind-domain", ""), Map.entry("start-domain", ""),
            Map.entry("stop-domain", "ft"),
            Map.entry("add-vcpu", ""), Map.entry("set-vcpu", ""), Map.entry("remove-vcpu", "f"),
            Map.entry("add-memory", ""), Map.entry("set-memory", ""), Map.entry("remove-memory", ""),
            Map.entry("list-domain", "lpo"), Map.entry("list-bindings", "p"), Map.entry("list-constraints", "x"),
            Map.entry("list-devices", "ap"), Map.entry("list-services", "p"),
            Map.entry("add-spconfig", ""), Map.entry("set-spconfig", ""), Map.entry("remove-spconfig", ""),
            Map.entry("list-spconfig", ""), Map.entry("panic-domain", ""));

    private static final String ADD_USAGE = "add-domain arch=sparc|x86 [image=PATH] [vcpus=N] [memory=SIZE] "
            + "[auto-boot=on|off] NAME, or add-domain -i FILE";

    private final DomainManager manager;

    Commands(DomainManager manager) {
        this.manager = manager;
    }

    Response handle(Request request) {
        if (request.version() != Protocol.VERSION) {
            return Response.error(Protocol.NO_DAEMON, "ldm speaks management protocol version " + request.version()
                    + ", this ldmd speaks version " + Protocol.VERSION + "; use the ldm that came with this ldmd");
        }
        try {
            Path cwd = Path.of(request.cwd() == null ? "." : request.cwd());
            return Response.ok(run(ParsedCommand.parse(request.args(), VERBS), cwd));
        } catch (LdmException e) {
            return Response.error(Protocol.FAILED, e.getMessage());
        }
    }

    private String run(ParsedCommand c, Path cwd) {
        switch (c.verb()) {
            case "add-domain" -> addDomain(c, cwd);
            case "set-domain" -> setDomain(c, cwd);
            case "remove-domain" -> manager.remove(simple(c, "remove-domain NAME"));
            case "bind-domain" -> manager.bind(simple(c, "bind-domain NAME"));
            case "unbind-domain" -> manager.unbind(simple(c, "unbind-domain NAME"));
            case "start-domain" -> {
                String name = simple(c, "start-domain NAME");
                manager.start(name);
                return "Domain " + name + " started\n";
            }
            case "panic-domain" -> {
                String name = simple(c, "panic-domain NAME");
                manager.panic(name);
                return "Domain " + name + " panicked\n";
            }
            case "stop-domain" -> {
                String name = simple(c, "stop-domain [-f | -t SECONDS] NAME");
                manager.stop(name, c.has('f'), seconds(c.options().get('t')));
                return "Domain " + name + " stopped\n";
            }
            case "add-vcpu", "set-vcpu", "remove-vcpu" -> resource(c, "N", Commands::count, manager::vcpusOf,
                    (name, n) -> manager.setVcpus(name, n.intValue(), c.has('f')));
            case "add-memory", "set-memory", "remove-memory" -> resource(c, "SIZE", Commands::size,
                    manager::memoryOf, manager::setMemory);
            case "list-domain" -> {
                return list(c);
            }
            case "list-devices" -> {
                c.noProps("list-devices [-a] [-p] [core] [cpu] [memory]");
                for (String cls : c.operands()) {
                    if (!List.of("core", "cpu", "memory").contains(cls)) {
                        throw new LdmException("list-devices lists core, cpu and memory; not '" + cls + "'");
                    }
                }
                return manager.devices(c.has('a'), c.has('p'), c.operands());
            }
            case "list-services" -> {
                c.noProps("list-services [-p]");
                if (!c.operands().isEmpty()) {
                    throw new LdmException("usage: ldm list-services [-p]");
                }
                return manager.services(c.has('p'));
            }
            case "add-spconfig" -> manager.addSpconfig(simple(c, "add-spconfig NAME"));
            case "set-spconfig" -> manager.setSpconfig(simple(c, "set-spconfig NAME"));
            case "remove-spconfig" -> manager.removeSpconfig(simple(c, "remove-spconfig NAME"));
            case "list-spconfig" -> {
                c.noProps("list-spconfig");
                if (!c.operands().isEmpty()) {
                    throw new LdmException("usage: ldm list-spconfig");
                }
                return manager.listSpconfig();
            }
            case "list-bindings" -> {
                c.noProps("list-bindings [-p] [NAME...]");
                List<DomainView> views = manager.views(c.operands());
                return c.has('p') ? Listings.parseable(views) : Listings.longForm(views);
            }
            case "list-constraints" -> {
                c.noProps("list-constraints [-x] [NAME...]");
                List<DomainView> views = manager.views(c.operands());
                return c.has('x') ? ConfigStore.export(views.stream().map(DomainView::constraints).toList())
                        : Listings.constraints(views);
            }
            default -> throw new IllegalStateException(c.verb());
        }
        return "";
    }

    private static String simple(ParsedCommand c, String usage) {
        c.noProps(usage);
        return c.domain(usage);
    }

    private void addDomain(ParsedCommand c, Path cwd) {
        if (c.options().containsKey('i')) {
            if (!c.operands().isEmpty() || !c.props().isEmpty()) {
                throw new LdmException("usage: ldm add-domain -i FILE (the file names the domains)");
            }
            List<Constraints> imported = ConfigStore.importFile(cwd.resolve(c.options().get('i')));
            for (Constraints one : imported) {
                manager.views(List.of()).stream().filter(v -> v.name().equals(one.name())).findAny()
                        .ifPresent(v -> {
                            throw new LdmException("domain " + one.name() + " already exists; nothing was imported");
                        });
            }
            imported.forEach(manager::add);
            return;
        }
        String name = c.domain(ADD_USAGE);
        Constraints.checkName(name);
        String arch = c.props().get("arch");
        if (arch == null) {
            throw new LdmException("add-domain needs arch=sparc or arch=x86; usage: ldm " + ADD_USAGE);
        }
        manager.add(apply(new Constraints(name, Arch.parse(arch), null, 0, 0, false), c, cwd, true));
    }

    private void setDomain(ParsedCommand c, Path cwd) {
        String usage = "set-domain [arch=sparc|x86] [image=PATH] [auto-boot=on|off] NAME";
        String name = c.domain(usage);
        if (c.props().isEmpty()) {
            throw new LdmException("set-domain needs a property to change; usage: ldm " + usage);
        }
        Constraints current = manager.views(List.of(name)).get(0).constraints();
        manager.set(apply(current, c, cwd, false));
    }

    /** The properties of add-domain and set-domain applied to {@code c}; set-domain leaves resources to their verbs. */
    private static Constraints apply(Constraints c, ParsedCommand cmd, Path cwd, boolean resources) {
        for (Map.Entry<String, String> p : cmd.props().entrySet()) {
            String v = p.getValue();
            String key = p.getKey();
            if (!resources && (key.equals("vcpus") || key.equals("memory"))) {
                throw new LdmException("use ldm set-" + (key.equals("vcpus") ? "vcpu N " : "memory SIZE ") + c.name()
                        + " to change " + key);
            }
            c = switch (key) {
                case "arch" -> c.withArch(Arch.parse(v));
                case "image" -> c.withImage(cwd.resolve(v).toAbsolutePath().normalize());
                case "auto-boot", "auto-boot?" -> c.withAutoBoot(onOff(key, v));
                case "vcpus" -> c.withVcpus(count(v));
                case "memory" -> c.withMemory(alignedSize(v, c.name()));
                default -> throw new LdmException("unknown property " + key + "=; known: arch, image, vcpus, memory, "
                        + "auto-boot");
            };
        }
        return c;
    }

    /** add-, set- and remove- of a countable resource: {@code N NAME}, the total checked by the manager. */
    private static void resource(ParsedCommand c, String amount, ToLongFunction<String> parse,
                                 ToLongFunction<String> current, BiConsumer<String, Long> set) {
        String usage = c.verb() + " " + amount + " NAME";
        c.noProps(usage);
        if (c.operands().size() != 2) {
            throw new LdmException("usage: ldm " + usage);
        }
        String name = c.operands().get(1);
        long n = parse.applyAsLong(c.operands().get(0));
        long have = current.applyAsLong(name);
        set.accept(name, c.verb().startsWith("add-") ? have + n : c.verb().startsWith("remove-") ? have - n : n);
    }

    private String list(ParsedCommand c) {
        c.noProps("list [-l | -p | -o json] [NAME...]");
        String format = c.options().get('o');
        if (format != null && !format.equals("json")) {
            throw new LdmException("unknown output format -o " + format + "; this ldm knows -o json");
        }
        List<DomainView> views = manager.views(c.operands());
        if (format != null) {
            return Listings.json(views);
        }
        if (c.has('p')) {
            return Listings.parseable(views);
        }
        return c.has('l') ? Listings.longForm(views) : Listings.table(views);
    }

    private static int count(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is wanted
        }
        throw new LdmException("invalid number of vcpus '" + text + "': use a positive whole number");
    }

    private static long size(String text) {
        try {
            return Sizes.parse(text);
        } catch (TypeConversionException e) {
            throw new LdmException(e.getMessage());
        }
    }

    private static long alignedSize(String text, String name) {
        long n = size(text);
        if (n % Machine.MEMORY_UNIT != 0) {
            throw new LdmException("memory " + text + " is not a multiple of 4M; domain " + name
                    + " needs whole 4M units");
        }
        return n;
    }

    private static boolean onOff(String key, String v) {
        return switch (v) {
            case "on", "true", "yes" -> true;
            case "off", "false", "no" -> false;
            default -> throw new LdmException("invalid " + key + "=" + v + ": use on or off");
        };
    }

    private static Integer seconds(String text) {
        if (text == null) {
            return null;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is wanted
        }
        throw new LdmException("invalid -t " + text + ": use a number of seconds");
    }
}
