package dev.zweig.semantics;

import dev.zweig.Environment;
import dev.zweig.Markup;
import dev.zweig.TemplateException;
import dev.zweig.TemplateRuntimeException;
import dev.zweig.ast.Stmt;
import dev.zweig.engine.Engine;
import dev.zweig.ext.Body;
import dev.zweig.ext.Expression;
import dev.zweig.ext.NodeContext;
import dev.zweig.output.Output;
import dev.zweig.php.Values;
import dev.zweig.runtime.Escapers;
import dev.zweig.runtime.Eval;
import dev.zweig.runtime.Exec;
import dev.zweig.runtime.Frame;
import dev.zweig.runtime.HandOver;
import dev.zweig.runtime.LentOutput;
import dev.zweig.runtime.RenderState;
import dev.zweig.runtime.Snapshots;

/**
 * Runs an extension's node ({@link Stmt.Custom}) where its tag stands, for both executors: each compiles the
 * node's expressions and bodies its own way (closures, or methods of the template class) and hands them here;
 * the node then sees them through a {@link NodeContext} valid for its one {@link dev.zweig.ext.Node#render} call.
 */
public final class CustomNodeRunner {
    private final Engine engine;
    private final Stmt.Custom stmt;
    private final String template;
    private final int[] slots;
    private Eval[] expressions;
    private Exec[] bodies;

    /** The executor gives the compiled expressions and bodies with {@link #bind} (the compiled one once defined). */
    public CustomNodeRunner(Engine engine, Stmt.Custom stmt, String template) {
        this.engine = engine;
        this.stmt = stmt;
        this.template = template;
        this.slots = new int[stmt.variables().size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = engine.symbols().slot(stmt.variables().get(i));
        }
    }

    /** The compiled expressions and bodies, in the order of the statement's lists. */
    public CustomNodeRunner bind(Eval[] expressions, Exec[] bodies) {
        this.expressions = expressions.clone();
        this.bodies = bodies.clone();
        return this;
    }

    public void run(Frame f, RenderState st) {
        Context ctx = new Context(f, st);
        try {
            stmt.node().node().render(ctx);
        } catch (TemplateException e) {
            e.locate(template, stmt.line());
            throw e;
        } catch (RuntimeException e) {
            throw Engine.wrap(e, template, stmt.line());
        } catch (Exception e) {
            String msg = e.getMessage();
            throw new TemplateRuntimeException("An exception has been thrown during the rendering of a template (\""
                    + (msg == null ? e.getClass().getSimpleName() : msg) + "\").", template, stmt.line(), 0, e);
        } finally {
            ctx.close();
        }
    }

    /** The context of one render call of the node. */
    private final class Context implements NodeContext {
        private Frame f;
        private RenderState st;
        private LentOutput lent;
        private final Thread owner = Thread.currentThread();

        Context(Frame f, RenderState st) {
            this.f = f;
            this.st = st;
        }

        void close() {
            f = null;
            st = null;
            if (lent != null) {
                lent.end();
            }
        }

        private RenderState st() {
            if (st == null || Thread.currentThread() != owner) {
                throw new TemplateRuntimeException("The context of the \"" + stmt.tag() + "\" tag's node can only "
                        + "be used during its render() call, on the thread of that render.", template, stmt.line());
            }
            return st;
        }

        @Override
        public Environment environment() {
            return engine.environment();
        }

        @Override
        public String templateName() {
            st();
            return template;
        }

        @Override
        public int line() {
            st();
            return stmt.line();
        }

        @Override
        public Object evaluate(Expression expression) {
            RenderState s = st();
            int i = stmt.node().indexOf(expression);
            if (i < 0) {
                throw misuse("an expression it does not list");
            }
            int texts = s.textTop;
            Object v = expressions[i].eval(f, s);
            s.textTop = texts; // what the expression read is free again (its value is never render-private)
            return HandOver.value(Snapshots.export(v)); // user code: see HandOver
        }

        @Override
        public void render(Body body) {
            RenderState s = st();
            Exec b = bodies[bodyIndex(body)];
            s.iteration(template, stmt.line()); // a node may render a body any number of times: a loop's limits
            b.exec(f, s);
        }

        @Override
        public String capture(Body body) {
            RenderState s = st();
            Exec b = bodies[bodyIndex(body)];
            s.iteration(template, stmt.line());
            Output prev = s.beginCapture();
            String r;
            try {
                b.exec(f, s);
            } finally {
                r = s.endCapture(prev);
            }
            return r;
        }

        private int bodyIndex(Body body) {
            int i = stmt.node().indexOf(body);
            if (i < 0) {
                throw misuse("a body it does not list");
            }
            return i;
        }

        private int slot(String variable) {
            st();
            int i = stmt.variables().indexOf(variable);
            if (i < 0) {
                throw misuse("the variable \"" + variable + "\", which it did not declare");
            }
            return slots[i];
        }

        private TemplateRuntimeException misuse(String what) {
            return new TemplateRuntimeException("The node of the \"" + stmt.tag() + "\" tag uses " + what + ".",
                    template, stmt.line());
        }

        @Override
        public Object get(String variable) {
            Object v = f.get(slot(variable));
            return v == Frame.UNDEFINED ? null : HandOver.value(Snapshots.export(v));
        }

        @Override
        public boolean isDefined(String variable) {
            return f.defined(slot(variable));
        }

        @Override
        public void set(String variable, Object value) {
            f.set(slot(variable), value);
        }

        @Override
        public Output output() {
            RenderState s = st();
            if (lent == null) {
                lent = new LentOutput(s.out);
            }
            return lent;
        }

        @Override
        public String autoescape() {
            st();
            return stmt.escape();
        }

        @Override
        public String escape(Object value) {
            return stmt.escape() == null ? text(value) : escape(value, stmt.escape());
        }

        @Override
        public String escape(Object value, String strategy) {
            if (strategy == null || !Escapers.isStrategy(strategy)) {
                throw new TemplateRuntimeException(Escapers.invalidStrategy(strategy), template, stmt.line());
            }
            if (value == null || value instanceof Number || value instanceof Boolean || Values.isMarkup(value)
                    || Values.isIterable(value)) {
                return text(value);
            }
            return Escapers.escape(strategy, text(value));
        }

        /** The text of a value; a sandboxed render checks an object's toString first. */
        private String text(Object value) {
            RenderState s = st();
            if (s.policy != null && Access.isObject(value) && !Values.isMarkup(value)) {
                s.policy.checkMethodAllowed(value, "toString");
            }
            return Values.toString(value);
        }

        @Override
        public void print(Object value) {
            RenderState s = st();
            if (stmt.escape() == null) {
                Semantics.print(value, s);
            } else {
                Semantics.printEscaped(value, stmt.escape(), stmt.escape().equals("html"), false, s);
            }
        }
    }
}
