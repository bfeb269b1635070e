package org.hyperstrand.spec.gen.md;

import static org.hyperstrand.spec.gen.md.MdFormat.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.hyperstrand.spec.gen.GeneratedFile;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.ApiSpec;
import org.hyperstrand.spec.model.Call;
import org.hyperstrand.spec.model.CallKind;

/** group-NAME.md: one API group, its calls in number order per kind, then its layouts and constants. */
final class MdGroupPage {

    private final ApiSpec spec;
    private final ApiGroup group;
    private final MdHistory history;

    MdGroupPage(ApiSpec spec, ApiGroup group) {
        this.spec = spec;
        this.group = group;
        this.history = new MdHistory(group);
    }

    GeneratedFile render() {
        MdWriter md = new MdWriter();
        md.heading(1, "API group " + group.name());
        md.paragraph(link("Reference", "README.md") + " · " + link("Calling conventions", MdBindingsPage.PATH)
                + " · " + link("Error codes", MdErrorsPage.PATH));
        md.doc(group.doc());
        md.table(properties());
        md.paragraph(negotiation());
        contents(md);
        for (CallKind kind : MdFormat.KIND_ORDER) {
            calls(md, kind);
        }
        layouts(md);
        constants(md);
        history(md);
        return new GeneratedFile(MdFormat.groupPage(group), md.render());
    }

    private MdTable properties() {
        return new MdTable("Property", "Value")
                .row("Group id", MdFormat.groupId(group))
                .row("Versions", MdFormat.versions(group.versions()))
                .row("Architectures", MdFormat.archs(MdFormat.archsOf(spec, group)));
    }

    /** What a guest must do before it uses this group. */
    private String negotiation() {
        String call = MdReadmePage.negotiationCall(spec);
        String text = "Negotiate this group with " + call + " (group id " + MdFormat.groupId(group) + ")";
        List<String> versioned = MdFormat.KIND_ORDER.stream().filter(CallKind::isVersioned)
                .filter(k -> !MdFormat.callsOf(group, k).isEmpty())
                .map(k -> MdFormat.kindName(k).replace(" trap", "")).toList();
        if (versioned.isEmpty()) {
            return text + ".";
        }
        text += " before using its " + String.join(" and ", versioned) + " calls. A call is available when its "
                + "*Since* version is at most the negotiated version and it has not been removed at or before it.";
        boolean hasCore = group.calls().stream().anyMatch(c -> !c.kind().isVersioned());
        return hasCore ? text + " Core trap calls are always enabled." : text;
    }

    /** A table of the calls with their numbers and summaries, then links to the rest of the page. */
    private void contents(MdWriter md) {
        List<String> others = otherContents();
        if (group.calls().isEmpty() && others.isEmpty()) {
            return;
        }
        md.heading(2, "Contents");
        if (!group.calls().isEmpty()) {
            MdTable t = new MdTable("Call", "Kind", "Number", "Since", "Summary");
            for (Call c : group.calls().stream().sorted(MdFormat.CALL_ORDER).toList()) {
                t.row(callEntry(c), MdFormat.kindName(c.kind()), MdFormat.number(c.number()),
                        MdFormat.lifecycle(c.lifecycle()), MdFormat.summary(c.doc()));
            }
            md.table(t);
        }
        md.bullets(others);
    }

    private List<String> otherContents() {
        List<String> items = new ArrayList<>();
        entry("Layouts", group.layouts(), l -> MdFormat.localLink(l.name(), MdDataBlocks.layoutHeading(l)))
                .ifPresent(items::add);
        entry("Constants", group.constants(), s -> MdFormat.localLink(s.name(), MdDataBlocks.constantsHeading(s)))
                .ifPresent(items::add);
        if (!history.isEmpty()) {
            items.add(MdFormat.link("Version history", "#version-history"));
        }
        return items;
    }

    private static <T> Optional<String> entry(String title, List<T> elements, Function<T, String> linkOf) {
        if (elements.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(title + ": " + String.join(", ", elements.stream().map(linkOf).toList()));
    }

    private String callEntry(Call call) {
        String entry = MdFormat.localLink(call.name(), call.name());
        return call.lifecycle().isRemoved() ? "~~" + entry + "~~" : entry;
    }

    private void history(MdWriter md) {
        if (!history.isEmpty()) {
            md.heading(2, "Version history");
            md.table(history.table());
        }
    }

    private void calls(MdWriter md, CallKind kind) {
        List<Call> calls = MdFormat.callsOf(group, kind);
        if (calls.isEmpty()) {
            return;
        }
        md.heading(2, MdFormat.kindTitle(kind));
        calls.forEach(call -> new MdCallBlock(spec, group, call).write(md));
    }

    private void layouts(MdWriter md) {
        if (group.layouts().isEmpty()) {
            return;
        }
        md.heading(2, "Layouts");
        md.paragraph("Structures shared with the hypervisor in guest memory. Offsets and sizes are in bytes; "
                + "multi-byte fields use the byte order of the guest's architecture.");
        MdDataBlocks blocks = new MdDataBlocks(spec);
        group.layouts().forEach(l -> blocks.layout(md, l));
    }

    private void constants(MdWriter md) {
        if (group.constants().isEmpty()) {
            return;
        }
        md.heading(2, "Constants");
        MdDataBlocks blocks = new MdDataBlocks(spec);
        group.constants().forEach(s -> blocks.constants(md, s));
    }
}
