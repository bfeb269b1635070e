package org.hyperstrand.spec.parser;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.hyperstrand.spec.model.ApiGroup;
import org.hyperstrand.spec.model.Binding;
import org.hyperstrand.spec.model.Call;
import org.hyperstrand.spec.model.CallKind;
import org.hyperstrand.spec.model.Constant;
import org.hyperstrand.spec.model.ConstantSet;
import org.hyperstrand.spec.model.Convention;
import org.hyperstrand.spec.model.ErrorCode;
import org.hyperstrand.spec.model.ErrorRef;
import org.hyperstrand.spec.model.Field;
import org.hyperstrand.spec.model.Layout;
import org.hyperstrand.spec.model.Lifecycle;
import org.hyperstrand.spec.model.Param;
import org.hyperstrand.spec.model.SourceLocation;
import org.hyperstrand.spec.model.TypeRef;
import org.hyperstrand.spec.model.Version;
import org.hyperstrand.spec.parser.HvSpecParser.ArgItemContext;
import org.hyperstrand.spec.parser.HvSpecParser.ArgsItemContext;
import org.hyperstrand.spec.parser.HvSpecParser.CallItemContext;
import org.hyperstrand.spec.parser.HvSpecParser.ConventionBlockContext;
import org.hyperstrand.spec.parser.HvSpecParser.ConventionItemContext;
import org.hyperstrand.spec.parser.HvSpecParser.ErrorItemContext;
import org.hyperstrand.spec.parser.HvSpecParser.FunctionItemContext;
import org.hyperstrand.spec.parser.HvSpecParser.InstructionItemContext;
import org.hyperstrand.spec.parser.HvSpecParser.NoReturnItemContext;
import org.hyperstrand.spec.parser.HvSpecParser.NoteItemContext;
import org.hyperstrand.spec.parser.HvSpecParser.ResultsItemContext;
import org.hyperstrand.spec.parser.HvSpecParser.RetItemContext;
import org.hyperstrand.spec.parser.HvSpecParser.StatusItemContext;
import org.hyperstrand.spec.parser.HvSpecParser.TrapNumberItemContext;
import org.hyperstrand.spec.parser.HvSpecParser.TrapPerCallItemContext;
import org.hyperstrand.spec.validate.Diagnostic;

/**
 * Builds the immutable model from one file's parse tree. Only numbers are checked here (they
 * must fit their field); every other rule belongs to the validator, which sees all files.
 */
final class ModelBuilder {

    private static final BigInteger U64_LIMIT = BigInteger.ONE.shiftLeft(64);

    private final String file;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    ModelBuilder(String file) {
        this.file = file;
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    ParsedFile build(HvSpecParser.SpecFileContext tree) {
        List<ApiGroup> groups = new ArrayList<>();
        List<Binding> bindings = new ArrayList<>();
        for (HvSpecParser.DeclarationContext d : tree.declaration()) {
            if (d.groupDecl() != null) {
                groups.add(group(d.groupDecl()));
            } else {
                bindings.add(binding(d.bindingDecl()));
            }
        }
        return new ParsedFile(file, groups, bindings, List.copyOf(diagnostics));
    }

    private ApiGroup group(HvSpecParser.GroupDeclContext g) {
        List<Call> calls = new ArrayList<>();
        List<ErrorCode> errors = new ArrayList<>();
        List<Layout> layouts = new ArrayList<>();
        List<ConstantSet> constants = new ArrayList<>();
        for (HvSpecParser.GroupMemberContext m : g.groupMember()) {
            if (m.callDecl() != null) {
                calls.add(call(m.callDecl()));
            } else if (m.errorDecl() != null) {
                errors.add(error(m.errorDecl()));
            } else if (m.layoutDecl() != null) {
                layouts.add(layout(m.layoutDecl()));
            } else {
                constants.add(constantSet(m.constantsDecl()));
            }
        }
        List<Version> versions = g.version().stream().map(this::version).toList();
        return new ApiGroup(g.groupName.getText(), number(g.id), versions, archs(g.archList()), calls, errors,
                layouts, constants, doc(g.doc), at(g.groupName));
    }

    private List<String> archs(HvSpecParser.ArchListContext list) {
        return list == null ? List.of() : list.name().stream().map(ParserRuleContext::getText).toList();
    }

    private Call call(HvSpecParser.CallDeclContext c) {
        List<Param> args = new ArrayList<>();
        List<Param> results = new ArrayList<>();
        List<ErrorRef> errors = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean noReturn = false;
        for (CallItemContext item : c.callItem()) {
            if (item instanceof ArgItemContext a) {
                args.add(new Param(a.paramName.getText(), type(a.type), string(a.text), at(a.paramName)));
            } else if (item instanceof RetItemContext r) {
                results.add(new Param(r.paramName.getText(), type(r.type), string(r.text), at(r.paramName)));
            } else if (item instanceof ErrorItemContext e) {
                errors.add(new ErrorRef(e.code.getText(), string(e.condition), at(e.code)));
            } else if (item instanceof NoteItemContext n) {
                notes.add(string(n.text));
            } else if (item instanceof NoReturnItemContext) {
                noReturn = true;
            }
        }
        return new Call(c.callName.getText(), CallKind.ofKeyword(c.kind.getText()), number(c.number),
                lifecycle(c.lifecycle()), archs(c.archList()), args, results, errors, notes, noReturn, doc(c.doc),
                at(c.callName));
    }

    private ErrorCode error(HvSpecParser.ErrorDeclContext e) {
        return new ErrorCode(e.errorName.getText(), number(e.value), lifecycle(e.lifecycle()),
                docOrString(e.doc, e.text), at(e.errorName));
    }

    private Layout layout(HvSpecParser.LayoutDeclContext l) {
        List<Field> fields = new ArrayList<>();
        for (HvSpecParser.FieldDeclContext f : l.fieldDecl()) {
            fields.add(new Field(f.fieldName.getText(), type(f.type), number(f.offset), docOrString(f.doc, f.text),
                    at(f.fieldName)));
        }
        long align = l.align == null ? 8 : number(l.align);
        return new Layout(l.layoutName.getText(), number(l.size), align, lifecycle(l.lifecycle()), fields,
                doc(l.doc), at(l.layoutName));
    }

    private ConstantSet constantSet(HvSpecParser.ConstantsDeclContext s) {
        Lifecycle life = lifecycle(s.lifecycle());
        List<Constant> constants = new ArrayList<>();
        for (HvSpecParser.ConstantDeclContext c : s.constantDecl()) {
            long value = number(c.value.NUMBER().getSymbol());
            if (c.value.MINUS() != null) {
                value = -value;
            }
            Version since = c.since == null ? life.since() : version(c.since);
            constants.add(new Constant(c.constantName.getText(), value, since, docOrString(c.doc, c.text),
                    at(c.constantName)));
        }
        return new ConstantSet(s.setName.getText(), life, constants, doc(s.doc), at(s.setName));
    }

    private Binding binding(HvSpecParser.BindingDeclContext b) {
        String instruction = "";
        List<Convention> conventions = new ArrayList<>();
        for (HvSpecParser.BindingItemContext item : b.bindingItem()) {
            if (item instanceof InstructionItemContext i) {
                instruction = string(i.text);
            } else if (item instanceof ConventionBlockContext block) {
                conventions.add(convention(block));
            }
        }
        return new Binding(b.bindingName.getText(), instruction, conventions, doc(b.doc), at(b.bindingName));
    }

    private Convention convention(ConventionBlockContext block) {
        Optional<Long> trap = Optional.empty();
        Optional<String> trapRegister = Optional.empty();
        Optional<String> function = Optional.empty();
        Optional<String> status = Optional.empty();
        List<String> args = List.of();
        List<String> results = List.of();
        for (ConventionItemContext item : block.conventionItem()) {
            if (item instanceof TrapNumberItemContext t) {
                trap = Optional.of(number(t.number));
                trapRegister = register(t.register);
            } else if (item instanceof TrapPerCallItemContext t) {
                trap = Optional.empty();
                trapRegister = register(t.register);
            } else if (item instanceof FunctionItemContext f) {
                function = register(f.register);
            } else if (item instanceof ArgsItemContext a) {
                args = a.registerList().REGISTER().stream().map(r -> r.getText().substring(1)).toList();
            } else if (item instanceof StatusItemContext s) {
                status = register(s.register);
            } else if (item instanceof ResultsItemContext r) {
                results = r.registerList().REGISTER().stream().map(x -> x.getText().substring(1)).toList();
            }
        }
        return new Convention(CallKind.ofKeyword(block.kind.getText()), trap, trapRegister, function, args, status,
                results, at(block.kind));
    }

    private static Optional<String> register(Token t) {
        return t == null ? Optional.empty() : Optional.of(t.getText().substring(1));
    }

    private TypeRef type(HvSpecParser.TypeRefContext t) {
        int count = 0;
        if (t.count != null) {
            long n = number(t.count);
            if (n <= 0 || n > 1 << 20) {
                diagnostics.add(new Diagnostic(at(t.count), "array length " + t.count.getText()
                        + " is out of range (1 to 1048576)"));
            } else {
                count = (int) n;
            }
        }
        return new TypeRef(t.typeName.getText(), count, at(t.typeName));
    }

    private Lifecycle lifecycle(HvSpecParser.LifecycleContext l) {
        return new Lifecycle(version(l.since),
                Optional.ofNullable(l.deprecated).map(this::version),
                Optional.ofNullable(l.reason).map(ModelBuilder::unquote),
                Optional.ofNullable(l.removed).map(this::version));
    }

    private Version version(HvSpecParser.VersionContext v) {
        Token t = v.VERSION().getSymbol();
        try {
            return Version.parse(t.getText());
        } catch (NumberFormatException e) {
            diagnostics.add(new Diagnostic(at(t), "version " + t.getText() + " is out of range"));
            return new Version(0, 0);
        }
    }

    private long number(Token t) {
        String text = t.getText();
        BigInteger value = text.startsWith("0x") || text.startsWith("0X")
                ? new BigInteger(text.substring(2), 16) : new BigInteger(text);
        if (value.compareTo(U64_LIMIT) >= 0) {
            diagnostics.add(new Diagnostic(at(t), "number " + text + " does not fit in 64 bits"));
            return 0;
        }
        return value.longValue();
    }

    private static String docOrString(Token doc, Token text) {
        return text != null ? unquote(text) : doc(doc);
    }

    private static String string(Token t) {
        return t == null ? "" : unquote(t);
    }

    static String unquote(Token t) {
        String s = t.getText();
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 1; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                char n = s.charAt(++i);
                out.append(switch (n) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The text of a doc comment: paragraphs separated by a blank line, lines within one joined. */
    static String doc(Token t) {
        if (t == null) {
            return "";
        }
        String body = t.getText();
        body = body.substring(3, body.length() - 2);
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : body.split("\r?\n", -1)) {
            String s = line.strip();
            if (s.startsWith("*")) {
                s = s.substring(1).strip();
            }
            if (s.isEmpty()) {
                if (current.length() > 0) {
                    paragraphs.add(current.toString());
                    current.setLength(0);
                }
            } else {
                if (current.length() > 0) {
                    current.append(' ');
                }
                current.append(s);
            }
        }
        if (current.length() > 0) {
            paragraphs.add(current.toString());
        }
        return String.join("\n\n", paragraphs);
    }

    private SourceLocation at(ParserRuleContext ctx) {
        return at(ctx.getStart());
    }

    private SourceLocation at(Token t) {
        return new SourceLocation(file, t.getLine(), t.getCharPositionInLine() + 1);
    }
}
