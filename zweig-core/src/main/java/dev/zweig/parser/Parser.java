package dev.zweig.parser;

import dev.zweig.TemplateSyntaxException;
import dev.zweig.ast.Expr;
import dev.zweig.ast.Module;
import dev.zweig.ast.Stmt;
import dev.zweig.ext.CallableDefinition;
import dev.zweig.ext.Param;
import dev.zweig.lexer.Lexer;
import dev.zweig.lexer.Token;
import dev.zweig.lexer.TokenType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Turns tokens into a {@link Module}. Tags are parsed by {@link TagParser}s looked up by name (the core ones, and
 * each extension's {@link dev.zweig.ext.TagParser} adapted by {@link ExtensionTag}); expressions by the
 * {@link ExpressionParser}.
 */
public final class Parser {
    private final Definitions defs;
    private final String name;
    private final String source;
    private TokenStream stream;
    private ExpressionParser expressions;

    /** State of the module being parsed (swapped for embedded templates). */
    private final class ModuleState {
        Expr parent;
        int parentLine;
        final Map<String, Module.BlockDef> blocks = new LinkedHashMap<>();
        final Map<String, Module.MacroDef> macros = new LinkedHashMap<>();
        final List<Module.Use> uses = new ArrayList<>();
        final List<Stmt> imports = new ArrayList<>();
        final Deque<String> blockStack = new ArrayDeque<>();
        final Deque<Map<String, String[]>> importScopes = new ArrayDeque<>();
        boolean inMacro;
    }

    private ModuleState state;
    private final List<Module> embedded = new ArrayList<>();
    /**
     * Whether unknown filters, functions and tests parse (Twig's subparseIgnoreUnknownTwigCallables): inside the
     * branch a guard tag discards, which is parsed but never runs.
     */
    private boolean ignoreUnknownCallables;

    /** Sets whether unknown callables parse; returns the previous setting, to be restored. */
    public boolean ignoreUnknownCallables(boolean on) {
        boolean previous = ignoreUnknownCallables;
        ignoreUnknownCallables = on;
        return previous;
    }
    /** Open tags (name, line) for nesting checks. */
    private final Deque<Object[]> openTags = new ArrayDeque<>();

    public Parser(Definitions defs, String name, String source) {
        this.defs = defs;
        this.name = name;
        this.source = source;
    }

    public Module parse() {
        List<Token> tokens = Lexer.tokenize(source, name);
        this.stream = new TokenStream(tokens, name);
        this.expressions = new ExpressionParser(this, stream);
        return parseModule(null);
    }

    private Module parseModule(Expr embedParent) {
        ModuleState saved = state;
        state = new ModuleState();
        state.importScopes.push(new HashMap<>());
        if (embedParent != null) {
            state.parent = embedParent;
        }
        Stmt.Body body;
        try {
            body = subparse(null, null, 0);
        } finally {
            // nothing
        }
        if (state.parent != null) {
            body = filterChildBody(body);
        }
        Module m = new Module(name, body, state.parent, state.parentLine, state.blocks, state.macros, state.uses,
                embedParent == null ? embedded : List.of(), state.imports, source);
        state = saved;
        return m;
    }

    /** Parses an {@code embed} body as an anonymous child template; returns its index. */
    public int parseEmbedded(Expr parent, int line) {
        ModuleState saved = state;
        ModuleState s = new ModuleState();
        s.parent = parent;
        s.parentLine = line;
        s.importScopes.push(new HashMap<>());
        // embedded templates see the imports of the enclosing template? Twig: no (fixture says so)
        state = s;
        Deque<Object[]> savedTags = new ArrayDeque<>(openTags);
        openTags.clear();
        openTags.push(new Object[] {"embed", line});
        Module m;
        try {
            Stmt.Body body;
            try {
                body = subparse(t -> t.isName("endembed"), "embed", line);
            } finally {
                openTags.clear();
                openTags.addAll(savedTags);
            }
            stream.nextIf(TokenType.NAME, null); // endembed, absent at the end of the template
            stream.expect(TokenType.BLOCK_END);
            body = filterChildBody(body);
            m = new Module(name, body, parent, line, s.blocks, s.macros, s.uses, List.of(), s.imports, source);
        } finally {
            // also on a syntax error: the enclosing tags (a block) unwind against their own state
            state = saved;
        }
        embedded.add(m);
        return embedded.size() - 1;
    }

    /** In a child template only blocks, sets, imports and the like count; text must be blank. */
    private Stmt.Body filterChildBody(Stmt.Body body) {
        List<Stmt> kept = new ArrayList<>();
        for (Stmt s : body.stmts()) {
            if (s instanceof Stmt.Text t) {
                if (t.text().chars().anyMatch(c -> !Character.isWhitespace(c))) {
                    throw outsideBlocks(t.line());
                }
                continue;
            }
            if (s instanceof Stmt.BlockCall) {
                continue;
            }
            if (s instanceof Stmt.Print) {
                throw outsideBlocks(s.line());
            }
            // a group of statements (what apply expands to) is filtered the same way
            kept.add(s instanceof Stmt.Body group ? filterChildBody(group) : s);
        }
        return new Stmt.Body(kept, body.line());
    }

    private TemplateSyntaxException outsideBlocks(int line) {
        return new TemplateSyntaxException("A template that extends another one cannot include content outside Twig "
                + "blocks. Did you forget to put the content inside a {% block %} tag?", name, line);
    }

    // ---- subparse -----------------------------------------------------------------------------------------

    private int depth;

    public Stmt.Body subparse(Predicate<Token> end, String openTag, int openLine) {
        if (++depth > ExpressionParser.MAX_DEPTH) {
            depth = 0;
            throw new TemplateSyntaxException("Tags nested too deeply (more than " + ExpressionParser.MAX_DEPTH
                    + " levels).", name, stream.current().line());
        }
        try {
            return subparseAt(end, openTag, openLine);
        } finally {
            depth--;
        }
    }

    private Stmt.Body subparseAt(Predicate<Token> end, String openTag, int openLine) {
        List<Stmt> out = new ArrayList<>();
        int line = stream.current().line();
        while (!stream.isEOF()) {
            Token t = stream.current();
            switch (t.type()) {
                case TEXT -> {
                    stream.next();
                    out.add(new Stmt.Text(t.value(), t.line()));
                }
                case VAR_START -> {
                    stream.next();
                    Expr e = expressions.parseExpression();
                    stream.expect(TokenType.VAR_END);
                    out.add(new Stmt.Print(e, null, t.line()));
                }
                case BLOCK_START -> {
                    stream.next();
                    Token tag = stream.current();
                    if (tag.type() != TokenType.NAME) {
                        throw new TemplateSyntaxException("A block must start with a tag name.", name, tag.line());
                    }
                    if (end != null && end.test(tag)) {
                        return new Stmt.Body(out, line);
                    }
                    TagParser tp = defs.tags().get(tag.value());
                    if (tp == null) {
                        if (end != null) {
                            throw new TemplateSyntaxException("Unexpected \"" + tag.value() + "\" tag (expecting "
                                    + "closing tag for the \"" + openTag + "\" tag defined near line " + line
                                    + ").", name, tag.line());
                        }
                        throw unknown("tag", tag.value(), defs.tags().keySet(), tag.line());
                    }
                    stream.next();
                    openTags.push(new Object[] {tag.value(), tag.line()});
                    Stmt s;
                    try {
                        s = tp.parse(this, tag);
                    } finally {
                        openTags.pop();
                    }
                    if (s != null) {
                        out.add(s);
                    }
                }
                default -> throw new TemplateSyntaxException("The lexer or the parser ended up in an unsupported "
                        + "state.", name, t.line());
            }
        }
        // at the end of the template without the closing tag: as in Twig, the tag's own parser reports it (its
        // next token is missing: "Unexpected end of template" or "Unexpected token "end of template" (...)")
        return new Stmt.Body(out, line);
    }

    // ---- services for tag parsers -------------------------------------------------------------------------

    public TokenStream stream() {
        return stream;
    }

    public ExpressionParser expressions() {
        return expressions;
    }

    public Expr expression() {
        return expressions.parseExpression();
    }

    public String templateName() {
        return name;
    }

    public TemplateSyntaxException error(String message, int line) {
        return new TemplateSyntaxException(message, name, line);
    }

    /** Parses a body up to one of the end tags (names), leaving the stream on the end tag's name. */
    public Stmt.Body subparseUntil(String openTag, int openLine, String... endTags) {
        return subparse(t -> {
            for (String e : endTags) {
                if (t.isName(e)) {
                    return true;
                }
            }
            return false;
        }, openTag, openLine);
    }

    public boolean hasParent() {
        return state.parent != null;
    }

    public void setParent(Expr parent, int line) {
        if (state.parent != null) {
            throw error("Multiple extends tags are forbidden.", line);
        }
        state.parent = parent;
        state.parentLine = line;
    }

    public boolean inBlock() {
        return !state.blockStack.isEmpty();
    }

    public boolean inMacro() {
        return state.inMacro;
    }

    public void setInMacro(boolean on) {
        state.inMacro = on;
    }

    /** Whether a tag other than the given one is open around the current position at the template root. */
    public Object[] enclosingTag() {
        // openTags includes the tag being parsed itself (top); the bottom of an embed's stack is the embed itself
        Object[] self = openTags.pop();
        try {
            Object[] e = openTags.peek();
            return e != null && e[0].equals("embed") && openTags.size() == 1 && state.parent != null ? null : e;
        } finally {
            openTags.push(self);
        }
    }

    public void pushBlock(String blockName) {
        state.blockStack.push(blockName);
        state.importScopes.push(new HashMap<>());
    }

    public void popBlock() {
        state.blockStack.pop();
        state.importScopes.pop();
    }

    public void pushLocalScope() {
        state.importScopes.push(new HashMap<>());
    }

    public void popLocalScope() {
        state.importScopes.pop();
    }

    public void addBlock(Module.BlockDef def, int line) {
        Module.BlockDef old = state.blocks.get(def.name());
        if (old != null) {
            throw error("The block '" + def.name() + "' has already been defined line " + old.line() + ".", line);
        }
        state.blocks.put(def.name(), def);
    }

    public void reserveBlock(String blockName, int line) {
        Module.BlockDef old = state.blocks.get(blockName);
        if (old != null) {
            throw error("The block '" + blockName + "' has already been defined line " + old.line() + ".", line);
        }
        state.blocks.put(blockName, new Module.BlockDef(blockName, new Stmt.Body(List.of(), line), line));
    }

    public void replaceBlock(Module.BlockDef def) {
        state.blocks.put(def.name(), def);
    }

    /**
     * A copy of what a guard's branch may define, the blocks, macros and parent ({@code extends}) so far, to drop
     * those of a branch that is discarded.
     */
    public Object saveDefinitions() {
        return new Object[] {new LinkedHashMap<>(state.blocks), new LinkedHashMap<>(state.macros), state.parent,
            state.parentLine};
    }

    @SuppressWarnings("unchecked")
    public void restoreDefinitions(Object saved) {
        Object[] s = (Object[]) saved;
        state.blocks.clear();
        state.blocks.putAll((Map<String, Module.BlockDef>) s[0]);
        state.macros.clear();
        state.macros.putAll((Map<String, Module.MacroDef>) s[1]);
        state.parent = (Expr) s[2];
        state.parentLine = (Integer) s[3];
    }

    public void addMacro(Module.MacroDef def) {
        state.macros.put(def.name(), def);
    }

    public void addUse(Module.Use use) {
        state.uses.add(use);
    }

    public void addTemplateImport(Stmt imp) {
        state.imports.add(imp);
    }

    /** Registers an imported template alias ({@code import x as alias}) in the current scope. */
    public void declareMacroHolder(String alias) {
        state.importScopes.peek().put("h:" + alias, new String[] {"holder"});
    }

    /** Registers a from-imported macro: function {@code alias} calls {@code macro} of holder slot {@code holder}. */
    public void declareMacroFunction(String alias, String holder, String macro) {
        state.importScopes.peek().put("f:" + alias, new String[] {"function", holder, macro});
    }

    public boolean atTemplateRoot() {
        return state.blockStack.isEmpty() && !state.inMacro;
    }

    boolean isMacroHolder(String alias) {
        return alias.equals("_self") || importLookup("h:" + alias) != null;
    }

    /** A from-imported macro visible here: {kind, holder slot, macro name}, or null. */
    String[] macroFunction(String fname) {
        return importLookup("f:" + fname);
    }

    /** Imports are local to their block or macro; template-level ones are visible everywhere. */
    private String[] importLookup(String key) {
        String[] v = state.importScopes.peek().get(key);
        if (v == null) {
            v = state.importScopes.peekLast().get(key);
        }
        return v;
    }

    String currentBlock() {
        return state.blockStack.peek();
    }

    // ---- calls ----------------------------------------------------------------------------------------------

    Expr makeFunction(String fname, List<Expr.Arg> args, int line) {
        String[] macro = macroFunction(fname);
        if (macro != null) {
            return new Expr.MacroCall(macro[1], macro[2], null, args, line);
        }
        switch (fname) {
            case "parent" -> {
                if (state.blockStack.isEmpty()) {
                    throw error("Calling the \"parent\" function outside of a block is forbidden.", line);
                }
                if (state.parent == null && state.uses.isEmpty()) {
                    throw error("Calling the \"parent\" function on a template that does not call \"extends\" or "
                            + "\"use\" is forbidden.", line);
                }
                return new Expr.Parent(state.blockStack.peek(), line);
            }
            case "block" -> {
                Expr[] bound = bindFixed("block", args, 1, line, "name", "template");
                return new Expr.BlockRef(bound[0], bound[1], false, line);
            }
            case "attribute" -> {
                Expr[] bound = bindFixed("attribute", args, 2, line, "variable", "attribute", "arguments");
                List<Expr.Arg> callArgs = null;
                Expr.AccessType type = Expr.AccessType.ANY;
                if (bound[2] != null) {
                    callArgs = List.of(new Expr.Arg(null, bound[2], true));
                    type = Expr.AccessType.METHOD;
                }
                return new Expr.GetAttr(bound[0], bound[1], callArgs, type, false, line);
            }
            default -> {
                if (defs.function(fname) == null && !ignoreUnknownCallables) {
                    throw unknown("function", fname, defs.functions().keySet(), line);
                }
                return new Expr.Function(fname, args, line);
            }
        }
    }

    /**
     * Binds the arguments of a function the parser turns into a node of its own (block, attribute) to its fixed
     * parameters, the first {@code required} of them required, by Twig's rules for callables; arguments beyond
     * the parameters are dropped unevaluated, unset optional parameters are null.
     */
    private Expr[] bindFixed(String fname, List<Expr.Arg> args, int required, int line, String... params) {
        List<Param> declared = new ArrayList<>();
        for (int i = 0; i < params.length; i++) {
            declared.add(i < required ? Param.required(params[i]) : Param.optional(params[i], null));
        }
        return CallArguments.bind("function", fname, declared, false, args, name, line).params();
    }

    Expr makeFilter(String fname, Expr input, List<Expr.Arg> args, int line) {
        if (defs.filter(fname) == null && !ignoreUnknownCallables) {
            throw unknown("filter", fname, defs.filters().keySet(), line);
        }
        return new Expr.Filter(fname, input, args, line);
    }

    public boolean hasFilter(String fname) {
        return (defs.filter(fname) != null);
    }

    /** Whether the environment defines the function (imported macros aside, as Twig's guard tag checks). */
    public boolean hasFunction(String fname) {
        return defs.function(fname) != null;
    }

    public boolean hasTest(String tname) {
        return defs.test(tname) != null;
    }

    public boolean ignoresUnknownCallables() {
        return ignoreUnknownCallables;
    }

    Collection<String> testNames() {
        return defs.tests().keySet();
    }

    boolean testTakesOneArgument(String tname) {
        CallableDefinition d = defs.tests().get(tname);
        return d != null && d.params().size() == 1 && d.params().get(0).required();
    }

    public TemplateSyntaxException unknown(String kind, String what, Collection<String> known, int line) {
        StringBuilder sb = new StringBuilder("Unknown \"").append(what).append("\" ").append(kind).append('.');
        Map<String, Integer> alt = new TreeMap<>();
        for (String k : known) {
            int lev = levenshtein(what, k);
            if (lev <= what.length() / 3 || k.contains(what)) {
                alt.put(k, lev);
            }
        }
        if (!alt.isEmpty()) {
            List<Map.Entry<String, Integer>> sorted = new ArrayList<>(alt.entrySet());
            sorted.sort(Map.Entry.comparingByValue());
            sb.append(" Did you mean \"");
            for (int i = 0; i < sorted.size(); i++) {
                if (i > 0) {
                    sb.append("\", \"");
                }
                sb.append(sorted.get(i).getKey());
            }
            sb.append("\"?");
        }
        return new TemplateSyntaxException(sb.toString(), name, line);
    }

    private static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
