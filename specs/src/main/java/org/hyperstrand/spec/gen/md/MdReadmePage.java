package org.hyperstrand.spec.gen.md;

import static org.hyperstrand.spec.gen.md.MdFormat.code;
import static org.hyperstrand.spec.gen.md.MdFormat.link;

import java.util.List;
import java.util.Optional;
import org.hyperstrand.spec.gen.GeneratedFile;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.ApiSpec;
import org.hyperstrand.spec.model.Call;
import org.hyperstrand.spec.model.ErrorCode;
import org.hyperstrand.spec.model.ScalarType;

/** README.md: how to use the ABI, then the groups, the types and an index of every call. */
final class MdReadmePage {

    static final String PATH = "README.md";

    /** The call a guest negotiates group versions with. */
    static final String NEGOTIATION_CALL = "api_set_version";

    private final ApiSpec spec;

    MdReadmePage(ApiSpec spec) {
        this.spec = spec;
    }

    GeneratedFile render() {
        MdWriter md = new MdWriter();
        md.heading(1, "Hyperstrand hypercall ABI reference");
        md.paragraph("*Generated from the hvspec files in `specs/hypercalls`; do not edit. "
                + "Change the spec and regenerate.*");
        md.paragraph("The hypercalls a paravirtualized guest uses to talk to the Hyperstrand hypervisor. "
                + "The same API is offered on every architecture; only the trap instruction and the registers "
                + "differ, as " + link("bindings.md", MdBindingsPage.PATH) + " describes. Status codes are "
                + "listed in " + link("errors.md", MdErrorsPage.PATH) + ".");
        usage(md);
        groups(md);
        types(md);
        index(md);
        return new GeneratedFile(PATH, md.render());
    }

    /** A link to the negotiation call if the spec has it, else its name. */
    static String negotiationCall(ApiSpec spec) {
        Optional<Call> call = spec.calls().filter(c -> c.name().equals(NEGOTIATION_CALL)).findFirst();
        return call.flatMap(c -> spec.groupOf(c).map(g -> MdFormat.callLink(g, c))).orElse(code(NEGOTIATION_CALL));
    }

    private void usage(MdWriter md) {
        md.heading(2, "Using the ABI");
        md.bullets(List.of(
                "**Calls are grouped.** Each call belongs to an API group with its own id and its own "
                        + "major.minor versions. A group may be offered on some architectures only.",
                "**Negotiate before use.** Before a guest uses a group's fast or hyper-fast calls, it calls "
                        + negotiationCall(spec) + " with the group id and the version it was written for; the "
                        + "hypervisor answers with the minor version it grants. A call is available when its "
                        + "*Since* version is at most the negotiated one and it has not been removed by then. "
                        + "Core trap calls need no negotiation: they are always enabled.",
                "**Three kinds of call.** A *fast trap* call uses one shared trap and selects the call by a "
                        + "function number in a register. A *hyper-fast trap* call has a trap of its own: its "
                        + "number is the trap number. A *core trap* call goes through the core trap, which has "
                        + "its own small function table.",
                "**Check the status.** " + statusRule() + " Results are valid only on success unless the "
                        + "call says otherwise.",
                "**Numbers are never reused.** A removed call keeps its number reserved; a deprecated call "
                        + "still works but will go away in a later version."));
    }

    private String statusRule() {
        Optional<ErrorCode> ok = spec.errors().filter(e -> e.number() == 0).findFirst();
        String zero = ok.map(e -> "Status 0 (" + code(e.name()) + ")").orElse("Status 0");
        return zero + " means success; any other value is an error code from " + link("errors.md", MdErrorsPage.PATH)
                + ".";
    }

    private void groups(MdWriter md) {
        md.heading(2, "API groups");
        MdTable t = new MdTable("Group", "Id", "Versions", "Architectures", "Calls");
        for (ApiGroup g : MdFormat.groups(spec)) {
            t.row(MdFormat.groupLink(g), MdFormat.groupId(g), MdFormat.versions(g.versions()),
                    MdFormat.archs(MdFormat.archsOf(spec, g)), callCount(g));
        }
        md.table(t);
    }

    /** The calls a guest can use, and how many numbers are held by removed calls. */
    private static String callCount(ApiGroup g) {
        long removed = g.calls().stream().filter(c -> c.lifecycle().isRemoved()).count();
        String live = Long.toString(g.calls().size() - removed);
        return removed == 0 ? live : live + " (and " + removed + " removed)";
    }

    private void types(MdWriter md) {
        md.heading(2, "Types");
        md.paragraph("Arguments and results travel in 64-bit registers whatever their type; the type says what "
                + "the value means. In layouts the type also fixes the field's size.");
        MdTable t = new MdTable("Type", "Size", "C type", "Meaning");
        for (ScalarType s : ScalarType.values()) {
            t.row(code(s.specName()), Integer.toString(s.size()), code(s.cType()), s.description());
        }
        md.table(t);
    }

    private void index(MdWriter md) {
        md.heading(2, "All calls");
        MdTable t = new MdTable("Call", "Group", "Kind", "Number", "Since", "Architectures", "Summary");
        for (ApiGroup g : MdFormat.groups(spec)) {
            for (Call c : g.calls().stream().sorted(MdFormat.CALL_ORDER).toList()) {
                t.row(MdFormat.callLink(g, c), MdFormat.groupLink(g), MdFormat.kindName(c.kind()),
                        MdFormat.number(c.number()), MdFormat.lifecycle(c.lifecycle()),
                        MdFormat.archs(MdFormat.archsOf(spec, g, c)), MdFormat.summary(c.doc()));
            }
        }
        md.table(t);
    }
}
