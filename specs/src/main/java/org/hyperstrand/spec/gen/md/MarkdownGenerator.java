package org.hyperstrand.spec.gen.md;

import java.util.ArrayList;
import java.util.List;
import org.hyperstrand.spec.gen.GeneratedFile;
import org.hyperstrand.spec.gen.Generator;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.ApiSpec;

/**
 * The ABI reference for guest porters, as GitHub-flavoured Markdown: {@code README.md} (how to
 * use the ABI, the groups, an index of every call), {@code bindings.md} (registers per
 * architecture), {@code errors.md} and one {@code group-NAME.md} per API group, where every call
 * has a sun4v-style block (trap, function, arguments, results, errors with conditions, notes).
 *
 * <p>The output depends only on the spec: no dates, no paths of the machine it ran on.
 */
public final class MarkdownGenerator implements Generator {

    /** Every file this generator can write is one of these, or {@code group-NAME.md}. */
    public static final List<String> FIXED_FILES =
            List.of(MdReadmePage.PATH, MdBindingsPage.PATH, MdErrorsPage.PATH);

    @Override
    public List<GeneratedFile> generate(ApiSpec spec) {
        List<GeneratedFile> files = new ArrayList<>();
        files.add(new MdReadmePage(spec).render());
        files.add(new MdBindingsPage(spec).render());
        files.add(new MdErrorsPage(spec).render());
        for (ApiGroup group : MdFormat.groups(spec)) {
            files.add(new MdGroupPage(spec, group).render());
        }
        return files;
    }

    /** The fixed pages and {@code group-NAME.md}; hand-written pages beside them are not ours. */
    @Override
    public boolean owns(String path) {
        return FIXED_FILES.contains(path) || (path.startsWith("group-") && path.endsWith(".md") && !path.contains("/"));
    }
}
