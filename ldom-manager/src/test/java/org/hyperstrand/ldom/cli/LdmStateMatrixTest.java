package org.hyperstrand.ldom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle state machine (ldm-cli.md 3.1): every verb in every state, what it answers and
 * the state it leaves. A refused verb changes nothing; its error says what to do instead.
 */
class LdmStateMatrixTest extends RunningLdmd {

    private static final String INACTIVE = "inactive";
    private static final String BOUND = "bound";
    private static final String ACTIVE = "active";
    private static final String GONE = "";

    /** A verb, then per starting state (inactive, bound, active): the error ("" if it succeeds) and the state after. */
    private record Row(String[] verb, String[] inactive, String[] bound, String[] active) {
        String[] cell(String state) {
            return switch (state) {
                case INACTIVE -> inactive;
                case BOUND -> bound;
                default -> active;
            };
        }
    }

    private static String[] ok(String after) {
        return new String[] {"", after};
    }

    private static String[] no(String error) {
        return new String[] {error, null};
    }

    private static final Path SPIN = LdmdHarness.image("x86_64", "bench");
    private static final Path OTHER = LdmdHarness.image("x86_64", "hello");

    private final List<Row> rows = List.of(
            new Row(new String[] {"bind"}, ok(BOUND), no("domain D is already bound"), no("domain D is already active")),
            new Row(new String[] {"unbind"}, no("domain D is not bound"), ok(INACTIVE),
                    no("domain D is active; stop it first: ldm stop-domain D")),
            new Row(new String[] {"start"}, no("domain D is not bound; bind it first: ldm bind-domain D"), ok(ACTIVE),
                    no("domain D is already active")),
            new Row(new String[] {"stop", "-f"}, no("domain D is not active"), no("domain D is not active"), ok(BOUND)),
            new Row(new String[] {"panic-domain"}, no("domain D is not active"), no("domain D is not active"),
                    no("the guest of domain D does not take part in domain-panic (it has not registered the "
                            + "service); stop it instead: ldm stop-domain -f D")),
            new Row(new String[] {"remove-domain"}, ok(GONE),
                    no("domain D is bound; unbind it first: ldm unbind-domain D"),
                    no("domain D is active; stop and unbind it first: ldm stop-domain D, then ldm unbind-domain D")),
            new Row(new String[] {"set-vcpu", "2"}, ok(INACTIVE), ok(BOUND),
                    no("the guest of domain D does not take part in dynamic reconfiguration (it has not registered "
                            + "dr-cpu); stop it first: ldm stop-domain D")),
            new Row(new String[] {"remove-vcpu", "-f", "1"}, ok(INACTIVE), // constraints alone may be empty
                    no("domain D is bound and keeps at least 1 vcpu; it has 1, so none can be removed"),
                    no("domain D is active and keeps at least 1 vcpu; it has 1, so none can be removed")),
            new Row(new String[] {"remove-memory", "16M"}, ok(INACTIVE),
                    no("domain D is bound and keeps at least 4M of memory; it has 16M, so at most 12M can be removed"),
                    no("domain D is active; changing memory while it runs is not possible now; stop it first: "
                            + "ldm stop-domain D")),
            new Row(new String[] {"set-memory", "32M"}, ok(INACTIVE), ok(BOUND),
                    no("domain D is active; changing memory while it runs is not possible now; stop it first: "
                            + "ldm stop-domain D")),
            new Row(new String[] {"set-domain", "image=" + OTHER}, ok(INACTIVE),
                    no("domain D is bound; changing arch or image is not possible now; unbind it first: "
                            + "ldm unbind-domain D"),
                    no("domain D is active; changing arch or image is not possible now; stop it first: "
                            + "ldm stop-domain D")),
            new Row(new String[] {"set-domain", "auto-boot=on"}, ok(INACTIVE), ok(BOUND), ok(ACTIVE)));

    private void bringTo(String state, String name) {
        ldmd.ok("add-domain", "arch=x86", "image=" + SPIN, "vcpus=1", "memory=16M", name);
        if (!state.equals(INACTIVE)) {
            ldmd.ok("bind", name);
        }
        if (state.equals(ACTIVE)) {
            ldmd.ok("start", name);
        }
    }

    private String stateOf(String name) {
        String p = ldmd.ok("list", "-p");
        return p.lines().filter(l -> l.startsWith("DOMAIN|name=" + name + "|")).findFirst()
                .map(l -> l.replaceAll(".*\\|state=([a-z]+)\\|.*", "$1")).orElse(GONE);
    }

    private void removeQuietly(String name) {
        ldmd.ldm("stop", "-f", name);
        ldmd.ldm("unbind", name);
        ldmd.ldm("remove-domain", name);
    }

    @Test
    void everyVerbInEveryState() {
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (Row row : rows) {
            for (String state : List.of(INACTIVE, BOUND, ACTIVE)) {
                String name = "d" + n++;
                bringTo(state, name);
                String listedBefore = ldmd.ok("list", "-l", "-p", name).replaceAll("uptime=\\d+|util=[0-9.]+", "");
                List<String> args = new ArrayList<>(List.of(row.verb()));
                args.add(name);
                LdmdHarness.Result r = ldmd.ldm(args.toArray(String[]::new));
                String[] want = row.cell(state);
                String expectedError = want[0].isEmpty() ? "" : "ldm: " + want[0].replace("D", name) + "\n";
                String cell = String.join(" ", row.verb()) + " in " + state;
                if (!r.err().equals(expectedError) || (r.status() == 0) != want[0].isEmpty()) {
                    wrong.add(cell + ": status " + r.status() + ", " + r.err().strip());
                }
                String after = stateOf(name);
                if (want[1] != null && !after.equals(want[1])) {
                    wrong.add(cell + ": left it " + after + ", not " + want[1]);
                }
                if (want[1] == null) {
                    String listedAfter = ldmd.ok("list", "-l", "-p", name).replaceAll("uptime=\\d+|util=[0-9.]+", "");
                    if (!listedAfter.equals(listedBefore)) {
                        wrong.add(cell + ": refused but changed the domain");
                    }
                }
                removeQuietly(name);
            }
        }
        assertEquals(List.of(), wrong);
    }
}
