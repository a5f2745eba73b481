package dev.zweig.pass;

import dev.zweig.TemplateSyntaxException;
import dev.zweig.ast.Expr;
import dev.zweig.ast.Module;
import dev.zweig.ast.Stmt;
import dev.zweig.ext.Node;
import dev.zweig.ext.NodeVisitor;
import dev.zweig.ext.VisitedNode;
import dev.zweig.parser.Definitions;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the extensions' {@link NodeVisitor}s over a parsed module, one after the other, each over the whole module
 * (the order is documented on NodeVisitor): each construct is shown as a {@link VisitedNode}, a construct before
 * what it holds, and rebuilt with the changes the visitor made through it. The syntax tree is immutable: the
 * module is rebuilt, record by record, as {@link TreeRewriter} does.
 */
public final class VisitorPass {
    /** Functions the parser turns into nodes of their own: no call can be renamed into one of them. */
    private static final Set<String> PARSER_FUNCTIONS = Set.of("parent", "block", "attribute");

    private final NodeVisitor visitor;
    private final Definitions defs;
    private final String template;
    /** Template-level imports are both in the body and in the module's import list: rewritten once. */
    private final Map<Stmt, Stmt> imports = new IdentityHashMap<>();
    private int clockSteps;

    private VisitorPass(NodeVisitor visitor, Definitions defs, String template) {
        this.visitor = visitor;
        this.defs = defs;
        this.template = template;
    }

    public static Module apply(Module m, List<NodeVisitor> visitors, Definitions defs) {
        for (NodeVisitor v : visitors) {
            m = new VisitorPass(v, defs, m.name()).module(m);
        }
        return m;
    }

    private Module module(Module m) {
        if (m.parent() != null) {
            tag("extends", m.parentLine());
        }
        Expr parent = (Expr) walk(m.parent());
        List<Module.Use> uses = new ArrayList<>();
        for (Module.Use u : m.uses()) {
            tag("use", u.line());
            uses.add(new Module.Use((Expr) walk(u.template()), u.aliases(), u.line()));
        }
        Stmt.Body body = (Stmt.Body) walk(m.body());
        Map<String, Module.BlockDef> blocks = new LinkedHashMap<>();
        for (Module.BlockDef b : m.blocks().values()) {
            tag("block", b.line());
            blocks.put(b.name(), new Module.BlockDef(b.name(), (Stmt.Body) walk(b.body()), b.line()));
        }
        Map<String, Module.MacroDef> macros = new LinkedHashMap<>();
        for (Module.MacroDef d : m.macros().values()) {
            tag("macro", d.line());
            List<Expr> defaults = new ArrayList<>();
            for (Expr e : d.defaults()) {
                defaults.add((Expr) walk(e));
            }
            macros.put(d.name(), new Module.MacroDef(d.name(), d.params(), defaults, (Stmt.Body) walk(d.body()),
                    d.line(), d.varargs()));
        }
        List<Stmt> imps = new ArrayList<>();
        for (Stmt s : m.imports()) {
            Stmt done = imports.get(s);
            imps.add(done != null ? done : (Stmt) walk(s));
        }
        List<Module> embedded = new ArrayList<>();
        for (Module e : m.embedded()) {
            embedded.add(module(e));
        }
        return new Module(m.name(), body, parent, m.parentLine(), blocks, macros,
                uses, embedded, imps, m.source());
    }

    /** A tag of the module's own declarations (extends, use, block, macro): seen, nothing to rewrite. */
    private void tag(String name, int line) {
        enter(new View(VisitedNode.Kind.TAG, name, line, null));
    }

    /** Calls the visitor; what it throws other than a TemplateException is reported at the construct's line. */
    private void enter(View v) {
        try {
            visitor.enter(v);
        } catch (dev.zweig.TemplateException e) {
            throw e;
        } catch (RuntimeException e) {
            String msg = e.getMessage();
            throw new TemplateSyntaxException("A node visitor failed (\"" + (msg == null ? e.getClass().getSimpleName()
                    : msg) + "\").", template, v.line, 0, e);
        } finally {
            v.closed = true;
        }
    }

    private Object walk(Object n) {
        if (n == null) {
            return null;
        }
        if (n instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(walk(o));
            }
            return out;
        }
        if (!n.getClass().isRecord() || !n.getClass().getName().startsWith("dev.zweig.ast.")) {
            return n;
        }
        if ((++clockSteps & 1023) == 0) {
            dev.zweig.runtime.RenderClock.checkCurrent(); // compiled during a limited render: its deadline holds
        }
        Object original = n;
        if (n instanceof Stmt || n instanceof Expr) {
            n = visit(n);
        }
        Object rebuilt;
        if (n instanceof Stmt.Guard g) {
            // only the branch that is kept: Twig drops the other from the tree, no visitor sees it
            rebuilt = g.exists() ? new Stmt.Guard(true, (Stmt) walk(g.body()), g.otherwise(), g.line())
                    : new Stmt.Guard(false, g.body(), (Stmt) walk(g.otherwise()), g.line());
        } else {
            RecordShape shape = RecordShape.of(n.getClass());
            Object[] values = new Object[shape.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = walk(shape.get(n, i));
            }
            rebuilt = shape.rebuild(values);
        }
        if (original instanceof Stmt.Import) {
            imports.put((Stmt) original, (Stmt) rebuilt);
        }
        return rebuilt;
    }

    /** Shows one node to the visitor; returns it, or what the visitor made of it. */
    private Object visit(Object n) {
        View v = view(n);
        if (v == null) {
            return n;
        }
        enter(v);
        if (v.newName != null) {
            if (n instanceof Expr.Filter f) {
                return new Expr.Filter(v.newName, f.input(), f.args(), f.line());
            }
            if (n instanceof Expr.Function f) {
                return new Expr.Function(v.newName, f.args(), f.line());
            }
            Expr.Test t = (Expr.Test) n;
            return new Expr.Test(v.newName, t.input(), t.args(), t.line());
        }
        if (v.wrapped != null) {
            return v.wrapped;
        }
        return n;
    }

    private View view(Object n) {
        if (n instanceof Expr.Filter f) {
            return new View(VisitedNode.Kind.FILTER, f.name(), f.line(), n);
        }
        if (n instanceof Expr.Function f) {
            return new View(VisitedNode.Kind.FUNCTION, f.name(), f.line(), n);
        }
        if (n instanceof Expr.Test t) {
            return new View(VisitedNode.Kind.TEST, t.name(), t.line(), n);
        }
        if (n instanceof Expr.Defined d) {
            return new View(VisitedNode.Kind.TEST, "defined", d.line(), n); // a node of its own, as in Twig
        }
        if (n instanceof Stmt.Print p) {
            return new View(VisitedNode.Kind.PRINT, "print", p.line(), n);
        }
        if (n instanceof Stmt.Custom c) {
            return new View(VisitedNode.Kind.NODE, c.tag(), c.line(), n);
        }
        String tag = n instanceof Stmt s ? tagOf(s) : null;
        return tag == null ? null : new View(VisitedNode.Kind.TAG, tag, ((Stmt) n).line(), n);
    }

    /** The core tag a statement comes from; null for text, bodies and where a block stands (seen as its block). */
    static String tagOf(Stmt s) {
        if (s instanceof Stmt.If) {
            return "if";
        } else if (s instanceof Stmt.For) {
            return "for";
        } else if (s instanceof Stmt.Set) {
            return "set";
        } else if (s instanceof Stmt.Capture c) {
            return c.name() != null && c.name().startsWith("\0apply") ? "apply" : "set";
        } else if (s instanceof Stmt.Include) {
            return "include";
        } else if (s instanceof Stmt.Embed) {
            return "embed";
        } else if (s instanceof Stmt.Import imp) {
            return imp.alias() != null && imp.alias().startsWith("\0from") ? "from" : "import";
        } else if (s instanceof Stmt.Autoescape) {
            return "autoescape";
        } else if (s instanceof Stmt.With) {
            return "with";
        } else if (s instanceof Stmt.Do) {
            return "do";
        } else if (s instanceof Stmt.Flush) {
            return "flush";
        } else if (s instanceof Stmt.Deprecated) {
            return "deprecated";
        } else if (s instanceof Stmt.Guard) {
            return "guard";
        } else if (s instanceof Stmt.Sandbox) {
            return "sandbox";
        }
        return null;
    }

    /** What the visitor sees of one node, and the change it asked for. */
    private final class View implements VisitedNode {
        private final Kind kind;
        private final String name;
        private final int line;
        private final Object node;
        String newName;
        Stmt wrapped;
        /** Set once the visitor's enter() returned: a view kept past it changes nothing, and says so. */
        boolean closed;

        View(Kind kind, String name, int line, Object node) {
            this.kind = kind;
            this.name = name;
            this.line = line;
            this.node = node;
        }

        @Override
        public Kind kind() {
            return kind;
        }

        @Override
        public String name() {
            return newName != null ? newName : name;
        }

        @Override
        public int line() {
            return line;
        }

        @Override
        public String templateName() {
            return template;
        }

        @Override
        public Node node() {
            return node instanceof Stmt.Custom c ? c.node().node() : null;
        }

        @Override
        public void rename(String to) {
            open();
            if (node instanceof Expr.Defined) {
                throw error("The \"defined\" test looks at a variable, not a value: it cannot be renamed.");
            }
            boolean known = switch (kind) {
                case FILTER -> to != null && defs.filter(to) != null;
                case FUNCTION -> to != null && defs.function(to) != null && !PARSER_FUNCTIONS.contains(to);
                case TEST -> to != null && defs.test(to) != null;
                default -> throw error("Only a filter, function or test call can be renamed, not a "
                        + kind.name().toLowerCase(java.util.Locale.ROOT) + ".");
            };
            if (!known) {
                throw error("Unknown \"" + to + "\" " + kind.name().toLowerCase(java.util.Locale.ROOT) + ".");
            }
            newName = to;
        }

        @Override
        public void wrap(String filter, Object... arguments) {
            open();
            if (kind != Kind.PRINT) {
                throw error("Only a print can be wrapped in a filter.");
            }
            if (filter == null || defs.filter(filter) == null) {
                throw error("Unknown \"" + filter + "\" filter.");
            }
            List<Expr.Arg> args = new ArrayList<>();
            for (Object a : arguments == null ? new Object[] {null} : arguments) {
                args.add(new Expr.Arg(null, new Expr.Literal(constant(a), line), false));
            }
            Stmt.Print p = (Stmt.Print) (wrapped != null ? wrapped : node);
            wrapped = new Stmt.Print(new Expr.Filter(filter, p.expr(), args, line), p.escape(), p.line());
        }

        private void open() {
            if (closed) {
                throw error("A visited node can only be changed during the enter() call it was given to.");
            }
        }

        private Object constant(Object a) {
            if (a == null || a instanceof String || a instanceof Boolean || a instanceof Long || a instanceof Double) {
                return a;
            }
            if (a instanceof Integer || a instanceof Short || a instanceof Byte) {
                return ((Number) a).longValue();
            }
            if (a instanceof Float f) {
                return f.doubleValue();
            }
            throw error("A filter's argument added by a visitor is a string, number, boolean or null, not "
                    + a.getClass().getSimpleName() + ".");
        }

        @Override
        public TemplateSyntaxException error(String message) {
            return new TemplateSyntaxException(message, template, line);
        }
    }
}
