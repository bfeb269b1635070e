package org.hyperstrand.ldom.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hyperstrand.ldom.console.ConsoleClient;
import org.hyperstrand.ldom.daemon.StateDirectory;
import org.hyperstrand.ldom.protocol.Protocol;
import org.hyperstrand.ldom.protocol.Response;

/**
 * {@code ldm [--state-dir DIR] COMMAND ...}: hands the command to the state directory's ldmd and
 * prints its answer; {@code ldm daemon} runs the daemon itself.
 */
public final class LdmMain {

    static final String HELP = """
            usage: ldm [--state-dir DIR] COMMAND [OPTIONS] [key=value...] [NAME]
              add-domain (create) arch=sparc|x86 [image=PATH] [vcpus=N] [memory=SIZE] [auto-boot=on|off] NAME
              add-domain -i FILE                import domains from list-constraints -x output
              set-domain (modify) [arch=] [image=] [auto-boot=] NAME
              remove-domain (destroy) NAME      bind-domain (bind) NAME     unbind-domain (unbind) NAME
              start-domain (start) NAME         stop-domain (stop) [-f | -t SECONDS] NAME
              panic-domain (panic) NAME         ask the guest to panic (domain-panic service)
              add-vcpu | set-vcpu | remove-vcpu N NAME
              add-memory | set-memory | remove-memory SIZE NAME     (SIZE with K, M or G)
              list (ls) [-l | -p | -o json] [NAME...]
              list-bindings [-p] [NAME...]      list-constraints [-x] [NAME...]
              list-devices [-a] [-p] [core] [cpu] [memory]    list-services [-p]
              add-spconfig | set-spconfig | remove-spconfig NAME    list-spconfig
                                                saved configurations; set-spconfig picks the one
                                                ldmd boots at its next start
              console NAME                      attach to the domain's console (~. detaches, ~? helps)
              daemon                            run ldmd here (as bin/ldmd does)
            The state directory defaults to %s.
            """;

    private LdmMain() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), Path.of(""), System.out, System.err));
    }

    static int run(List<String> args, Path cwd, PrintStream out, PrintStream err) {
        return run(args, cwd, System.in, out, err);
    }

    /** As the command line runs it, with {@code in} as the terminal {@code ldm console} reads. */
    static int run(List<String> args, Path cwd, InputStream in, PrintStream out, PrintStream err) {
        Path dir = StateDirectory.defaultPath();
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty() && rest.get(0).startsWith("--state-dir")) {
            String word = rest.remove(0);
            if (word.startsWith("--state-dir=")) {
                dir = Path.of(word.substring("--state-dir=".length()));
            } else if (!rest.isEmpty()) {
                dir = Path.of(rest.remove(0));
            } else {
                err.println("ldm: --state-dir needs a directory");
                return 2;
            }
        }
        if (rest.isEmpty() || rest.get(0).equals("--help") || rest.get(0).equals("-h")) {
            (rest.isEmpty() ? err : out).printf(HELP, StateDirectory.defaultPath());
            return rest.isEmpty() ? 2 : 0;
        }
        if (rest.get(0).equals("-V") || rest.get(0).equals("--version")) {
            out.println("Hyperstrand logical domain manager, management protocol version " + Protocol.VERSION);
            return 0;
        }
        if (rest.get(0).equals("daemon")) {
            List<String> daemonArgs = new ArrayList<>(List.of("--state-dir", dir.toString()));
            daemonArgs.addAll(rest.subList(1, rest.size()));
            return LdmdMain.run(daemonArgs.toArray(new String[0]), err);
        }
        if (rest.get(0).equals("console")) {
            return console(new LdmClient(new StateDirectory(dir)), cwd, rest, in, out, err);
        }
        Response r = new LdmClient(new StateDirectory(dir)).send(cwd, rest);
        out.print(r.out());
        err.print(r.err().isEmpty() || r.err().startsWith("ldm") ? r.err() : "ldm: " + r.err());
        out.flush();
        return r.status();
    }

    /**
     * {@code ldm console NAME}: asks ldmd for the domain's console port (as {@code list -p}
     * shows it) and attaches this terminal to it; the daemon serves the console itself.
     */
    private static int console(LdmClient client, Path cwd, List<String> args, InputStream in, PrintStream out,
                               PrintStream err) {
        if (args.size() != 2 || args.get(1).startsWith("-")) {
            err.println("ldm: usage: ldm console NAME");
            return 1;
        }
        String name = args.get(1);
        Response r = client.send(cwd, List.of("list-domain", "-p", name));
        if (r.status() != 0) {
            err.print(r.err().startsWith("ldm") ? r.err() : "ldm: " + r.err());
            return r.status();
        }
        Matcher port = CONS.matcher(r.out());
        if (!port.find()) {
            err.println("ldm: domain " + name + " has no console port; bind it first: ldm bind-domain " + name);
            return 1;
        }
        return ConsoleClient.attach(Integer.parseInt(port.group(1)), in, out, err);
    }

    private static final Pattern CONS = Pattern.compile("\\|cons=(\\d+)\\|");
}
