package dev.zweig.runtime;

import dev.zweig.TemplateException;
import dev.zweig.ast.Expr;
import dev.zweig.ast.Module;
import dev.zweig.ast.Stmt;
import dev.zweig.engine.Engine;
import dev.zweig.engine.Settings;
import dev.zweig.output.Output;
import dev.zweig.php.Values;
import dev.zweig.semantics.Semantics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The render of a template that is text and variables only ({@code <p>Hello {{ name }}!</p>}: no tag but
 * {@code autoescape}, no filter, function, operator, attribute or literal), into a caller's {@link Output} without a
 * render state: such a template needs none of what a render state holds (frames, loops, scratch storage, blocks,
 * a budget), so the fixed cost of taking one from the pool, preparing it and wiping it is skipped. Both executors
 * get it alike (it reads the tree after every pass, the same tree they compile); what it writes, and each error,
 * is what their code writes: each name read once per render (as a render's root frame remembers its first read)
 * from the context, then the globals, an empty context being none; the texts written in the runs their seq
 * writes; printed with its escaping strategy as a print statement prints it (Semantics#printEscaped,
 * Values#write); an exception of a print located at its line, of static text as the executors locate it.
 *
 * <p>Trade-off: only where nothing else could apply. A sandboxed Environment, strict variables or any render limit
 * take the full path (each has per-render work: the policy's checks, the undefined-variable error, the budget),
 * and so does a render started inside another registered render on the same thread (it inherits that render's
 * policy and budget). A template of more than {@link #MAX_VARIABLES} prints is not flat either: a longer page
 * gains nothing measurable from it.
 */
public final class FlatTemplate implements FlatRender {
    static final int MAX_VARIABLES = 32;

    private final Engine engine;
    private final String template;
    /**
     * texts[i]: the static texts written before print i (texts[n]: after the last), each a write of its own as the
     * executors write it: the texts of one body's run of text statements joined, a run ending where a statement
     * that is not text starts or ends (an {@code autoescape} tag), as their seq joins them.
     */
    private final String[][] texts;
    private final int[][] textLines;
    private final String[] names;
    private final int[] slots;
    /**
     * first[i]: the print that first reads print i's name (i itself when it is the first): a render reads each
     * name once, as a render's root frame remembers its first read, so a map whose get gives another value on
     * each call (or counts its calls) sees what the full path makes it see.
     */
    private final int[] first;
    /** The escaping strategy of each print (null: printed as it is). */
    private final String[] strategies;
    private final boolean[] html;
    private final int[] lines;

    private FlatTemplate(Engine engine, String template, List<List<Stmt.Text>> gaps, List<Stmt.Print> prints) {
        this.engine = engine;
        this.template = template;
        this.texts = new String[gaps.size()][];
        this.textLines = new int[gaps.size()][];
        for (int i = 0; i < gaps.size(); i++) {
            List<Stmt.Text> g = gaps.get(i);
            texts[i] = g.stream().map(Stmt.Text::text).toArray(String[]::new);
            textLines[i] = g.stream().mapToInt(Stmt.Text::line).toArray();
        }
        int n = prints.size();
        names = new String[n];
        slots = new int[n];
        first = new int[n];
        strategies = new String[n];
        html = new boolean[n];
        lines = new int[n];
        for (int i = 0; i < n; i++) {
            Stmt.Print p = prints.get(i);
            names[i] = ((Expr.Name) p.expr()).name().intern();
            slots[i] = engine.symbols().find(names[i]);
            first[i] = i;
            for (int j = 0; j < i; j++) {
                if (names[j].equals(names[i])) {
                    first[i] = j;
                    break;
                }
            }
            strategies[i] = p.escape();
            html[i] = "html".equals(p.escape());
            lines[i] = p.line();
        }
    }

    /**
     * The flat form of a module as its executors compile it (after every tree pass), or null when the module or
     * the Environment's settings need the full render path.
     */
    public static FlatTemplate of(Engine engine, Module m) {
        Settings s = engine.settings();
        if (s.sandboxed() || s.strictVariables() || !s.limits().isUnlimited() || m.parent() != null
                || !m.blocks().isEmpty() || !m.macros().isEmpty() || !m.uses().isEmpty() || !m.embedded().isEmpty()
                || !m.imports().isEmpty()) {
            return null;
        }
        List<Stmt> flat = new ArrayList<>();
        if (!flatten(m.body(), flat)) {
            return null;
        }
        List<List<Stmt.Text>> gaps = new ArrayList<>();
        List<Stmt.Text> gap = new ArrayList<>();
        List<Stmt.Print> prints = new ArrayList<>();
        for (Stmt st : flat) {
            if (st instanceof Stmt.Text t) {
                if (!t.text().isEmpty()) {
                    gap.add(t);
                }
                continue;
            }
            gaps.add(gap);
            gap = new ArrayList<>();
            prints.add((Stmt.Print) st);
        }
        gaps.add(gap);
        return prints.size() > MAX_VARIABLES ? null : new FlatTemplate(engine, m.name(), gaps, prints);
    }

    /**
     * The module's statements in order when each is static text or a print of a plain variable, each run of text
     * statements of one body joined (Stmt#joinTexts) as the executors' seq joins them.
     */
    private static boolean flatten(Stmt s, List<Stmt> into) {
        if (s instanceof Stmt.Body b) {
            for (Stmt c : Stmt.joinTexts(b.stmts())) {
                if (!flatten(c, into)) {
                    return false;
                }
            }
            return true;
        }
        if (s instanceof Stmt.Autoescape a) {
            return flatten(a.body(), into); // its strategy is already on the prints inside
        }
        if (s instanceof Stmt.Text) {
            into.add(s);
            return true;
        }
        if (s instanceof Stmt.Print p && p.expr() instanceof Expr.Name n && !n.name().startsWith("_")) {
            into.add(s);
            return true;
        }
        return false;
    }

    @Override
    public boolean renderFlat(Map<String, ?> context, Output out) {
        if (blocked(context)) {
            return false;
        }
        Map<String, ?> ctx = context(context);
        int n = names.length;
        for (int i = 0; i < n; i++) {
            text(i, out);
            try {
                Object v = value(ctx, names[i], slots[i], engine);
                if (v instanceof String str && html[i]) {
                    Escapers.html(str, out); // the common case, as the executors' code for a print of a string
                } else {
                    print(v, strategies[i], html[i], out);
                }
            } catch (RuntimeException x) {
                throw Engine.wrap(x, template, lines[i]);
            }
        }
        text(n, out);
        return true;
    }

    /**
     * The map a render reads names from, as a render's root frame takes it: an empty one (by its isEmpty, called
     * once before anything is written, its failure the render's) is none, so a lazy map that says it is empty is
     * never read, as the full path never reads it.
     */
    public static Map<String, ?> context(Map<String, ?> context) {
        return context.isEmpty() ? null : context;
    }

    /** Whether a render must take the full path: no context map, or a registered render running on this thread. */
    public static boolean blocked(Map<String, ?> context) {
        return context == null || CurrentRender.enclosing() != null;
    }

    /** A variable as a render's root frame reads it: the context by name, then the globals; absent: null. */
    public static Object value(Map<String, ?> context, String name, int slot, Engine engine) {
        Object v = Frame.lookup(context, name);
        if (v == Frame.UNDEFINED) {
            v = slot < 0 ? null : engine.global(slot);
            if (v == Frame.UNDEFINED) {
                v = null;
            }
        }
        return v;
    }

    /** A value printed as a print statement prints it (strategy null: as it is), no policy being in force. */
    public static void print(Object v, String strategy, boolean html, Output out) {
        if (strategy == null) {
            Values.write(v, out);
        } else {
            Semantics.printEscaped(v, strategy, html, false, null, out);
        }
    }

    /** The number of prints; text(i) comes before print i, text(count()) after the last. */
    public int count() {
        return names.length;
    }

    /** The static texts written before print i, each a write of its own. */
    public String[] texts(int i) {
        return texts[i].clone();
    }

    public int[] textLines(int i) {
        return textLines[i].clone();
    }

    /**
     * Whether a name is printed more than once: a render reads it once (the compiled executor's renderFlat keeps
     * it in a local), so the interpreter, which would need storage of its own per render for it, leaves such a
     * template to the full path (see ClosureCompiler).
     */
    public boolean repeats() {
        for (int i = 0; i < first.length; i++) {
            if (first[i] != i) {
                return true;
            }
        }
        return false;
    }

    /** The print that first reads print i's name (i when it is the first). */
    public int first(int i) {
        return first[i];
    }

    /** Whether a later print reads print i's name again. */
    public boolean readAgain(int i) {
        for (int j = i + 1; j < names.length; j++) {
            if (first[j] == i) {
                return true;
            }
        }
        return false;
    }

    public String name(int i) {
        return names[i];
    }

    public int slot(int i) {
        return slots[i];
    }

    public String strategy(int i) {
        return strategies[i];
    }

    public int line(int i) {
        return lines[i];
    }

    private void text(int i, Output out) {
        String[] ts = texts[i];
        for (int k = 0; k < ts.length; k++) {
            try {
                out.write(ts[k]);
            } catch (TemplateException e) {
                throw e.locate(template, textLines[i][k]);
            }
        }
    }
}
