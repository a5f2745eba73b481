package dev.zweig.parser.tags;

import dev.zweig.ast.Expr;
import dev.zweig.ast.Module;
import dev.zweig.ast.Stmt;
import dev.zweig.lexer.Token;
import dev.zweig.lexer.TokenType;
import dev.zweig.parser.Parser;
import dev.zweig.parser.TagParser;
import dev.zweig.parser.TokenStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Twig's core tags, one small parser class per tag (after Twig's TokenParser classes). Registered by the engine
 * directly (they build core syntax-tree nodes), beside the extensions' tags, which reach the parser through the
 * public {@link dev.zweig.ext.TagParser} (see {@link dev.zweig.parser.ExtensionTag}).
 */
public final class CoreTags {
    private CoreTags() {
    }

    public static List<TagParser> all() {
        return List.of(new IfTag(), new ForTag(), new SetTag(), new BlockTag(), new ExtendsTag(), new IncludeTag(),
                new EmbedTag(), new ImportTag(), new FromTag(), new MacroTag(), new ApplyTag(), new AutoescapeTag(),
                new WithTag(), new DoTag(), new FlushTag(), new DeprecatedTag(), new GuardTag(), new SandboxTag(),
                new TypesTag(), new UseTag());
    }

    static void end(Parser p) {
        p.stream().expect(TokenType.BLOCK_END);
    }

    /**
     * Consumes {@code endX %}} after subparse stopped on it (Twig's dropNeedle); at the end of the template there
     * is no end tag, and the missing {@code %}} is the error, as in Twig.
     */
    static void endTag(Parser p) {
        p.stream().nextIf(TokenType.NAME, null);
        end(p);
    }

    public static final class IfTag implements TagParser {
        public String tag() {
            return "if";
        }

        public Stmt parse(Parser p, Token tag) {
            TokenStream s = p.stream();
            List<Expr> conds = new ArrayList<>();
            List<Stmt> bodies = new ArrayList<>();
            conds.add(p.expression());
            end(p);
            bodies.add(p.subparseUntil("if", tag.line(), "elseif", "else", "endif"));
            Stmt otherwise = null;
            while (true) {
                Token t = s.next();
                switch (t.value()) {
                    case "elseif" -> {
                        conds.add(p.expression());
                        end(p);
                        bodies.add(p.subparseUntil("if", tag.line(), "elseif", "else", "endif"));
                    }
                    case "else" -> {
                        end(p);
                        otherwise = p.subparseUntil("if", tag.line(), "endif");
                    }
                    default -> {
                        end(p);
                        return new Stmt.If(conds, bodies, otherwise, tag.line());
                    }
                }
            }
        }
    }

    public static final class ForTag implements TagParser {
        public String tag() {
            return "for";
        }

        public Stmt parse(Parser p, Token tag) {
            TokenStream s = p.stream();
            Token first = s.expectAssignName();
            String key = null;
            String value = first.value();
            if (s.nextIf(TokenType.PUNCTUATION, ",") != null) {
                key = first.value();
                value = s.expectAssignName().value();
            }
            p.expressions().checkName(value, first.line());
            if (key != null) {
                p.expressions().checkName(key, first.line());
            }
            s.expect(TokenType.OPERATOR, "in");
            Expr seq = p.expression();
            end(p);
            Stmt body = p.subparseUntil("for", tag.line(), "else", "endfor");
            Stmt otherwise = null;
            if (s.next().value().equals("else")) {
                end(p);
                otherwise = p.subparseUntil("for", tag.line(), "endfor");
                s.nextIf(TokenType.NAME, null);
            }
            end(p);
            return new Stmt.For(key, value, seq, body, otherwise, true, tag.line());
        }
    }

    public static final class SetTag implements TagParser {
        public String tag() {
            return "set";
        }

        public Stmt parse(Parser p, Token tag) {
            TokenStream s = p.stream();
            List<String> names = new ArrayList<>();
            do {
                Token n = s.expectAssignName();
                p.expressions().checkName(n.value(), n.line());
                names.add(n.value());
            } while (s.nextIf(TokenType.PUNCTUATION, ",") != null);
            if (s.nextIf(TokenType.OPERATOR, "=") != null) {
                List<Expr> values = new ArrayList<>();
                do {
                    values.add(p.expression());
                } while (s.nextIf(TokenType.PUNCTUATION, ",") != null);
                end(p);
                if (names.size() != values.size()) {
                    throw p.error("When using set, you must have the same number of variables and assignments.",
                            tag.line());
                }
                return new Stmt.Set(names, values, tag.line());
            }
            if (names.size() > 1) {
                throw p.error("When using set with a block, you cannot have a multi-target.", tag.line());
            }
            end(p);
            Stmt body = p.subparseUntil("set", tag.line(), "endset");
            endTag(p);
            return new Stmt.Capture(names.get(0), body, tag.line());
        }
    }

    public static final class BlockTag implements TagParser {
        public String tag() {
            return "block";
        }

        public Stmt parse(Parser p, Token tag) {
            TokenStream s = p.stream();
            String name = s.expect(TokenType.NAME).value();
            if (p.hasParent() && !p.inBlock() && !p.inMacro()) {
                Object[] encl = p.enclosingTag();
                if (encl != null && !encl[0].equals("set")) {
                    throw p.error("A \"block\" tag cannot be under a \"" + encl[0] + "\" tag (line " + encl[1] + ").",
                            tag.line());
                }
            }
            p.reserveBlock(name, tag.line());
            p.pushBlock(name);
            Stmt.Body body;
            try {
                if (s.nextIf(TokenType.BLOCK_END, null) != null) {
                    body = p.subparseUntil("block", tag.line(), "endblock");
                    s.nextIf(TokenType.NAME, null);
                    Token endName = s.nextIf(TokenType.NAME, null);
                    if (endName != null && !endName.value().equals(name)) {
                        throw p.error("Expected endblock for block \"" + name + "\" (but \"" + endName.value()
                                + "\" given).", endName.line());
                    }
                    end(p);
                } else {
                    Expr e = p.expression();
                    end(p);
                    body = new Stmt.Body(List.of(new Stmt.Print(e, null, tag.line())), tag.line());
                }
            } finally {
                p.popBlock();
            }
            p.replaceBlock(new Module.BlockDef(name, body, tag.line()));
            return new Stmt.BlockCall(name, tag.line());
        }
    }

    public static final class ExtendsTag implements TagParser {
        public String tag() {
            return "extends";
        }

        public Stmt parse(Parser p, Token tag) {
            if (p.inMacro()) {
                throw p.error("Cannot use \"extend\" in a macro.", tag.line());
            }
            if (p.inBlock()) {
                throw p.error("Cannot use \"extend\" in a block.", tag.line());
            }
            Expr parent = p.expression();
            end(p);
            p.setParent(parent, tag.line());
            return null;
        }
    }

    /** Parses {@code [ignore missing] [with expr] [only]}. */
    static Object[] includeOptions(Parser p) {
        TokenStream s = p.stream();
        boolean ignoreMissing = false;
        if (s.nextIf(TokenType.NAME, "ignore") != null) {
            s.expect(TokenType.NAME, "missing");
            ignoreMissing = true;
        }
        Expr vars = null;
        if (s.nextIf(TokenType.NAME, "with") != null) {
            vars = p.expression();
        }
        boolean only = s.nextIf(TokenType.NAME, "only") != null;
        end(p);
        return new Object[] {ignoreMissing, vars, only};
    }

    public static final class IncludeTag implements TagParser {
        public String tag() {
            return "include";
        }

        public Stmt parse(Parser p, Token tag) {
            Expr tpl = p.expression();
            Object[] o = includeOptions(p);
            return new Stmt.Include(tpl, (Expr) o[1], (Boolean) o[2], (Boolean) o[0], false, tag.line());
        }
    }

    public static final class EmbedTag implements TagParser {
        public String tag() {
            return "embed";
        }

        public Stmt parse(Parser p, Token tag) {
            Expr parent = p.expression();
            Object[] o = includeOptions(p);
            int index = p.parseEmbedded(parent, tag.line());
            return new Stmt.Embed(index, (Expr) o[1], (Boolean) o[2], (Boolean) o[0], tag.line());
        }
    }

    public static final class ImportTag implements TagParser {
        public String tag() {
            return "import";
        }

        public Stmt parse(Parser p, Token tag) {
            Expr tpl = p.expression();
            p.stream().expect(TokenType.NAME, "as");
            Token alias = p.stream().expect(TokenType.NAME);
            p.expressions().checkName(alias.value(), alias.line());
            end(p);
            boolean global = p.atTemplateRoot() && p.enclosingTag() == null;
            p.declareMacroHolder(alias.value());
            Stmt s = new Stmt.Import(tpl, alias.value(), global, tag.line());
            if (global) {
                p.addTemplateImport(s);
            }
            return s;
        }
    }

    public static final class FromTag implements TagParser {
        public String tag() {
            return "from";
        }

        public Stmt parse(Parser p, Token tag) {
            TokenStream s = p.stream();
            Expr tpl = p.expression();
            s.expect(TokenType.NAME, "import");
            List<String> names = new ArrayList<>();
            List<String> aliases = new ArrayList<>();
            do {
                Token n = s.expect(TokenType.NAME);
                String alias = n.value();
                if (s.nextIf(TokenType.NAME, "as") != null) {
                    alias = s.expect(TokenType.NAME).value();
                }
                p.expressions().checkName(alias, n.line());
                names.add(n.value());
                aliases.add(alias);
            } while (s.nextIf(TokenType.PUNCTUATION, ",") != null);
            end(p);
            String holder = "\0from" + tag.line() + ":" + tag.column();
            for (int i = 0; i < names.size(); i++) {
                p.declareMacroFunction(aliases.get(i), holder, names.get(i));
            }
            boolean global = p.atTemplateRoot() && p.enclosingTag() == null;
            Stmt st = new Stmt.Import(tpl, holder, global, tag.line());
            if (global) {
                p.addTemplateImport(st);
            }
            return st;
        }
    }

    public static final class MacroTag implements TagParser {
        public String tag() {
            return "macro";
        }

        public Stmt parse(Parser p, Token tag) {
            TokenStream s = p.stream();
            String name = s.expect(TokenType.NAME).value();
            List<String> params = new ArrayList<>();
            List<Expr> defaults = new ArrayList<>();
            List<Integer> lines = new ArrayList<>();
            String variadic = p.expressions().definitionArguments(name, params, defaults, lines);
            // as Twig 3.29's MacroNode, argument by argument: the reserved "varargs", the variadic's name, a repeat
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < params.size(); i++) {
                String a = params.get(i);
                if (a.equals("varargs")) {
                    throw p.error("The argument \"varargs\" in macro \"" + name + "\" cannot be defined because the "
                            + "variable \"varargs\" is reserved for arbitrary arguments.", lines.get(i));
                }
                if (a.equals(variadic)) {
                    throw p.error("The variadic argument \"" + a + "\" in macro \"" + name + "\" cannot have the same "
                            + "name as another argument.", lines.get(i));
                }
                if (!seen.add(a)) {
                    throw p.error("Argument \"" + a + "\" is defined twice for macro \"" + name + "\".", lines.get(i));
                }
            }
            end(p);
            p.setInMacro(true);
            p.pushLocalScope();
            Stmt.Body body;
            try {
                body = p.subparseUntil("macro", tag.line(), "endmacro");
                s.nextIf(TokenType.NAME, null);
                Token endName = s.nextIf(TokenType.NAME, null);
                if (endName != null && !endName.value().equals(name)) {
                    throw p.error("Expected endmacro for macro \"" + name + "\" (but \"" + endName.value()
                            + "\" given).", endName.line());
                }
                end(p);
            } finally {
                p.popLocalScope();
                p.setInMacro(false);
            }
            p.addMacro(new Module.MacroDef(name, params, defaults, body, tag.line(),
                    variadic == null ? "varargs" : variadic));
            return null;
        }
    }

    public static final class ApplyTag implements TagParser {
        public String tag() {
            return "apply";
        }

        public Stmt parse(Parser p, Token tag) {
            TokenStream s = p.stream();
            List<Expr.Filter> filters = new ArrayList<>();
            do {
                Token n = s.expect(TokenType.NAME);
                if (!p.hasFilter(n.value())) {
                    throw p.unknown("filter", n.value(), List.of(), n.line());
                }
                List<Expr.Arg> args = s.test(TokenType.PUNCTUATION, "(") ? p.expressions().arguments() : List.of();
                filters.add(new Expr.Filter(n.value(), null, args, n.line()));
            } while (s.nextIf(TokenType.PUNCTUATION, "|") != null);
            end(p);
            Stmt body = p.subparseUntil("apply", tag.line(), "endapply");
            endTag(p);
            // as Twig does: capture the body into a hidden variable, then print it through the filters
            String tmp = "\0apply" + tag.line() + ":" + tag.column();
            Expr chain = new Expr.Name(tmp, tag.line());
            for (Expr.Filter f : filters) {
                chain = new Expr.Filter(f.name(), chain, f.args(), f.line());
            }
            return new Stmt.Body(List.of(new Stmt.Capture(tmp, body, tag.line()), new Stmt.Print(chain, null,
                    tag.line())), tag.line());
        }
    }

    public static final class AutoescapeTag implements TagParser {
        public String tag() {
            return "autoescape";
        }

        public Stmt parse(Parser p, Token tag) {
            TokenStream s = p.stream();
            String strategy = "html";
            if (!s.test(TokenType.BLOCK_END)) {
                Expr e = p.expression();
                // Twig 3 still reads true as "html" (tags/autoescape fixtures rely on it)
                if (!(e instanceof Expr.Literal l) || !(l.value() instanceof String || l.value() instanceof Boolean)) {
                    throw p.error("An escaping strategy must be a string or false.", tag.line());
                }
                strategy = Boolean.FALSE.equals(l.value()) ? null : Boolean.TRUE.equals(l.value()) ? "html"
                        : (String) l.value();
            }
            end(p);
            Stmt body = p.subparseUntil("autoescape", tag.line(), "endautoescape");
            endTag(p);
            return new Stmt.Autoescape(strategy, body, tag.line());
        }
    }

    public static final class WithTag implements TagParser {
        public String tag() {
            return "with";
        }

        public Stmt parse(Parser p, Token tag) {
            TokenStream s = p.stream();
            Expr vars = null;
            boolean only = false;
            if (!s.test(TokenType.BLOCK_END)) {
                vars = p.expression();
                only = s.nextIf(TokenType.NAME, "only") != null;
            }
            end(p);
            Stmt body = p.subparseUntil("with", tag.line(), "endwith");
            endTag(p);
            return new Stmt.With(vars, only, body, tag.line());
        }
    }

    public static final class DoTag implements TagParser {
        public String tag() {
            return "do";
        }

        public Stmt parse(Parser p, Token tag) {
            Expr e = p.expression();
            end(p);
            return new Stmt.Do(e, tag.line());
        }
    }

    public static final class FlushTag implements TagParser {
        public String tag() {
            return "flush";
        }

        public Stmt parse(Parser p, Token tag) {
            end(p);
            return new Stmt.Flush(tag.line());
        }
    }

    public static final class DeprecatedTag implements TagParser {
        public String tag() {
            return "deprecated";
        }

        public Stmt parse(Parser p, Token tag) {
            Expr msg = p.expression();
            TokenStream s = p.stream();
            while (s.test(TokenType.NAME)) {
                s.next();
                s.expect(TokenType.OPERATOR, "=");
                p.expression();
            }
            end(p);
            return new Stmt.Deprecated(msg, tag.line());
        }
    }

    public static final class GuardTag implements TagParser {
        public String tag() {
            return "guard";
        }

        public Stmt parse(Parser p, Token tag) {
            TokenStream s = p.stream();
            Token type = s.expect(TokenType.NAME);
            if (!List.of("function", "filter", "test").contains(type.value())) {
                throw p.error("Supported guard types are function, filter and test, \"" + type.value() + "\" given.",
                        type.line());
            }
            Token n = s.expect(TokenType.NAME);
            String name = n.value();
            if (type.value().equals("test") && s.test(TokenType.NAME)) {
                name = name + " " + s.next().value();
            }
            end(p);
            boolean exists = switch (type.value()) {
                case "function" -> p.hasFunction(name);
                case "filter" -> p.hasFilter(name);
                default -> p.hasTest(name);
            };
            Stmt body;
            Object saved = p.saveDefinitions();
            // a branch that cannot run is parsed with every unknown callable accepted (Twig's
            // subparseIgnoreUnknownTwigCallables), not only the guarded one
            boolean previous = p.ignoreUnknownCallables(!exists || p.ignoresUnknownCallables());
            try {
                body = p.subparseUntil("guard", tag.line(), "endguard", "else");
            } finally {
                p.ignoreUnknownCallables(previous);
            }
            if (!exists) {
                p.restoreDefinitions(saved); // blocks, macros and the parent of a discarded branch do not exist
            }
            Stmt otherwise = null;
            if (s.next().value().equals("else")) {
                end(p);
                Object beforeElse = p.saveDefinitions();
                otherwise = p.subparseUntil("guard", tag.line(), "endguard");
                if (exists) {
                    p.restoreDefinitions(beforeElse);
                }
                s.nextIf(TokenType.NAME, null);
            }
            end(p);
            return new Stmt.Guard(exists, body, otherwise, tag.line());
        }
    }

    public static final class SandboxTag implements TagParser {
        public String tag() {
            return "sandbox";
        }

        public Stmt parse(Parser p, Token tag) {
            end(p);
            Stmt.Body body = p.subparseUntil("sandbox", tag.line(), "endsandbox");
            endTag(p);
            for (Stmt st : body.stmts()) {
                if (!(st instanceof Stmt.Include) && !(st instanceof Stmt.Text t && t.text().isBlank())) {
                    throw p.error("Only \"include\" tags are allowed within a \"sandbox\" section.", st.line());
                }
            }
            return new Stmt.Sandbox(body, tag.line());
        }
    }

    public static final class TypesTag implements TagParser {
        public String tag() {
            return "types";
        }

        public Stmt parse(Parser p, Token tag) {
            TokenStream s = p.stream();
            while (!s.test(TokenType.BLOCK_END) && !s.isEOF()) {
                s.next();
            }
            end(p);
            return null;
        }
    }

    public static final class UseTag implements TagParser {
        public String tag() {
            return "use";
        }

        public Stmt parse(Parser p, Token tag) {
            TokenStream s = p.stream();
            Expr tpl = p.expression();
            if (!(tpl instanceof Expr.Literal l && l.value() instanceof String)) {
                throw p.error("The template references in a \"use\" statement must be a string.", tag.line());
            }
            Map<String, String> aliases = new LinkedHashMap<>();
            if (s.nextIf(TokenType.NAME, "with") != null) {
                do {
                    String from = s.expect(TokenType.NAME).value();
                    String to = from;
                    if (s.nextIf(TokenType.NAME, "as") != null) {
                        to = s.expect(TokenType.NAME).value();
                    }
                    aliases.put(from, to);
                } while (s.nextIf(TokenType.PUNCTUATION, ",") != null);
            }
            end(p);
            p.addUse(new Module.Use(tpl, aliases, tag.line()));
            return null;
        }
    }
}
