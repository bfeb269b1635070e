package org.hyperstrand.spec.gen.md;

import static org.hyperstrand.spec.gen.md.MdFormat.code;

import java.util.Comparator;
import java.util.List;
import org.hyperstrand.spec.gen.GeneratedFile;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.ApiSpec;
import org.hyperstrand.spec.model.ErrorCode;
import org.hyperstrand.spec.model.Lifecycle;

/** errors.md: every status code, by number. */
final class MdErrorsPage {

    static final String PATH = "errors.md";

    private final ApiSpec spec;

    MdErrorsPage(ApiSpec spec) {
        this.spec = spec;
    }

    GeneratedFile render() {
        MdWriter md = new MdWriter();
        md.heading(1, "Error codes");
        md.paragraph("Every call returns one of these codes in its status register (see "
                + MdFormat.link("bindings.md", MdBindingsPage.PATH) + "). Each call's page lists the codes it "
                + "returns and the condition behind each. Back to the " + MdFormat.link("reference", "README.md")
                + ".");
        MdTable table = new MdTable("Number", "Name", "Meaning", "Since", "Group");
        for (Entry e : entries()) {
            table.row(Long.toString(e.code().number()), code(e.code().name()), meaning(e.code()),
                    MdFormat.lifecycle(e.code().lifecycle()), MdFormat.groupLink(e.group()));
        }
        md.table(table);
        return new GeneratedFile(PATH, md.render());
    }

    /** The doc of a code, plus what a porter must know about its deprecation or removal. */
    static String meaning(ErrorCode code) {
        String text = MdFormat.text(code.doc());
        Lifecycle life = code.lifecycle();
        String deprecation = life.deprecationNote().map(n -> " Deprecated: " + MdFormat.sentence(n)).orElse("");
        String removal = life.isRemoved() ? " No longer returned; the number stays reserved." : "";
        return (text + deprecation + removal).strip();
    }

    private List<Entry> entries() {
        return MdFormat.groups(spec).stream()
                .flatMap(g -> g.errors().stream().map(e -> new Entry(e, g)))
                .sorted(Comparator.comparingLong((Entry e) -> e.code().number()).thenComparing(e -> e.code().name()))
                .toList();
    }

    private record Entry(ErrorCode code, ApiGroup group) {
    }
}
