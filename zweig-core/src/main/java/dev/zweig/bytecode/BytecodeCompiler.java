package dev.zweig.bytecode;

import dev.zweig.engine.Engine;
import dev.zweig.php.Values;
import dev.zweig.runtime.CompiledTemplate;
import dev.zweig.runtime.Escapers;
import dev.zweig.runtime.Eval;
import dev.zweig.runtime.Frame;
import dev.zweig.runtime.RenderClock;
import dev.zweig.runtime.RenderState;
import dev.zweig.runtime.Snapshots;
import dev.zweig.semantics.Operators;
import dev.zweig.semantics.Semantics;
import static org.objectweb.asm.Opcodes.ACONST_NULL;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ARETURN;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.ATHROW;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFNE;
import static org.objectweb.asm.Opcodes.IFNULL;
import static org.objectweb.asm.Opcodes.IF_ACMPEQ;
import static org.objectweb.asm.Opcodes.IF_ACMPNE;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INSTANCEOF;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.LLOAD;
import static org.objectweb.asm.Opcodes.LSTORE;
import static org.objectweb.asm.Opcodes.NEW;
import static org.objectweb.asm.Opcodes.NOP;
import static org.objectweb.asm.Opcodes.POP;
import static org.objectweb.asm.Opcodes.RETURN;
import static org.objectweb.asm.Opcodes.SWAP;

import dev.zweig.TemplateSyntaxException;
import dev.zweig.ast.Expr;
import dev.zweig.ast.Module;
import dev.zweig.ast.Stmt;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.output.Output;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The compiled executor: writes a {@link Module}'s typed AST as one JVM class ({@link ClassGen}), whose static
 * methods run the template's body, blocks and macros directly, calling the language's rules in
 * {@link Semantics}, {@link Values}, {@link Operators} and {@link Access}. Statements and expressions become
 * straight-line code (a loop is a JVM loop, an if a branch, a printed variable a read, an escape and a write); only
 * bodies run under another scope (with, a macro, an arrow, a block) become methods of their own.
 *
 * <p>This file is over 800 lines because it is one recursive walk over the AST, a case per node type, sharing the
 * method being written; splitting it by node family would split that state.
 */
public final class BytecodeCompiler {
    private static final String OBJ = "java/lang/Object";
    private static final String OBJ_D = "Ljava/lang/Object;";
    private static final String SEM = Type.getInternalName(Semantics.class);
    private static final String VALUES = Type.getInternalName(Values.class);
    private static final String OPS = Type.getInternalName(Operators.class);
    private static final String TPL = Type.getInternalName(CompiledTemplate.class); // a bridge owner, an Object
    private static final String OUTPUT = Type.getInternalName(Output.class);
    private static final String ENGINE = Type.getInternalName(Engine.class);

    private final Engine engine;
    private final Module module;
    private final String name;
    private final boolean strict;
    private final List<CompiledTemplate> embedded;
    /** What ScratchAnalysis proved about this module (see ClosureCompiler: the same fields, the same use). */
    private final dev.zweig.pass.ScratchAnalysis.Result scratch;
    private final Set<Expr> scratchCalls;
    private final Set<Expr> scratchTexts;
    private final Set<Object> textConsumers;
    /** Captures kept as render-private safe text (see ScratchAnalysis). */
    private final Set<Stmt.Capture> captures;
    private final Set<Object> releasePoints;
    /** Arrows written as an argument of a core filter or operator, which never keeps them. */
    private final Set<Expr.Arrow> privateArrows = java.util.Collections.newSetFromMap(
            new java.util.IdentityHashMap<>());
    private CompiledTemplate t;
    private ClassGen gen;
    /** What needs the class's entry points once it is defined (see EmitCustom). */
    private final List<java.util.function.Consumer<ClassGen>> afterDefine = new ArrayList<>();

    /** The method being written, and its next free local (0: the frame, 1: the render state). */
    private MethodVisitor mv;
    private int nextLocal;
    private int lastLine = -1;
    /** Try regions open around the code being written in this method (see stmt). */
    private int tryDepth;
    /** Loops and other statements open in the method being written (see nested). */
    private int loopsOpen;
    private int open;
    private static final int MAX_NEST = 10;
    private int clockSteps;

    public BytecodeCompiler(Engine engine, Module module) {
        this(engine, module, null);
    }

    private BytecodeCompiler(Engine engine, Module module, List<CompiledTemplate> embedded) {
        this.engine = engine;
        this.module = module;
        this.name = module.name();
        this.strict = engine.settings().strictVariables();
        this.embedded = embedded;
        dev.zweig.pass.ScratchAnalysis.Result scratch = dev.zweig.semantics.CompileRules.scratch(engine, module);
        this.scratch = scratch;
        this.scratchCalls = scratch.scratch();
        this.releasePoints = scratch.releasePoints();
        this.scratchTexts = scratch.texts();
        this.textConsumers = scratch.textConsumers();
        this.captures = scratch.captures();
        this.macroParams = scratch.macroParams();
        this.consumedTemplates = dev.zweig.semantics.CompileRules.consumedTemplates(engine, module);
    }

    /** The template_from_string calls whose template is rendered where it is made (see ConsumedTemplates). */
    private final Set<Expr> consumedTemplates;

    boolean isConsumedTemplate(Expr e) {
        return consumedTemplates.contains(e);
    }

    /** How each macro reads its parameters (see ScratchAnalysis.Result). */
    private final Map<String, byte[]> macroParams;

    public CompiledTemplate compile() {
        t = new CompiledTemplate(engine, name, module);
        scratch.applyTo(t);
        if (embedded == null) {
            List<CompiledTemplate> all = new ArrayList<>();
            for (Module m : module.embedded()) {
                all.add(new BytecodeCompiler(engine, m, all).compile());
            }
            t.embedded = all;
        } else {
            t.embedded = embedded;
        }
        gen = new ClassGen(name);
        int body = bodyMethod("body", module.body());
        int parent = module.parent() == null ? -1 : evalMethod("parent", module.parent());
        List<Object[]> blocks = new ArrayList<>();
        for (Module.BlockDef b : module.blocks().values()) {
            blocks.add(new Object[] {b.name(), bodyMethod("block_" + ident(b.name()) + "_", b.body())});
        }
        List<Object[]> macros = new ArrayList<>();
        for (Module.MacroDef m : module.macros().values()) {
            int n = m.params().size();
            int[] defaults = new int[n];
            for (int i = 0; i < n; i++) {
                defaults[i] = m.defaults().get(i) == null ? -1 : evalMethod("default_", m.defaults().get(i));
            }
            macros.add(new Object[] {m, defaults, bodyMethod("macro_" + ident(m.name()) + "_", m.body())});
        }
        int imports = module.imports().isEmpty() ? -1 : bodyMethod("imports", new Stmt.Body(module.imports(), 1));
        dev.zweig.runtime.FlatTemplate flat = dev.zweig.runtime.FlatTemplate.of(engine, module);
        if (flat != null) {
            EmitFlat.method(gen, flat, engine, name);
        }
        gen.define();
        afterDefine.forEach(a -> a.accept(gen));
        t.body = gen.exec(body);
        if (flat != null) {
            t.flat((dev.zweig.runtime.FlatRender) t.body);
        }
        if (parent >= 0) {
            t.parent = gen.eval(parent);
            t.parentLine = module.parentLine();
        }
        for (Object[] b : blocks) {
            String bn = (String) b[0];
            t.ownBlocks.put(bn, new CompiledTemplate.BlockImpl(bn, t.guarded(gen.exec((Integer) b[1])), t));
        }
        for (Object[] mo : macros) {
            Module.MacroDef m = (Module.MacroDef) mo[0];
            int[] defaults = (int[]) mo[1];
            int n = m.params().size();
            int[] slots = new int[n];
            Eval[] ds = new Eval[n];
            for (int i = 0; i < n; i++) {
                slots[i] = slot(m.params().get(i));
                ds[i] = defaults[i] < 0 ? null : t.guarded(gen.eval(defaults[i]));
            }
            t.macros.put(m.name(), new CompiledTemplate.MacroImpl(m.name(), slots, m.params().toArray(new String[0]),
                    ds, slot(m.varargs()), t.guarded(gen.exec((Integer) mo[2])), t, m.line(),
                    dev.zweig.semantics.CompileRules.dateParams(scratch, m), macroParams.get(m.name())));
        }
        t.templateImports = imports < 0 ? null : gen.exec(imports);
        t.uses = module.uses();
        return t;
    }

    private static String ident(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length() && sb.length() < 30; i++) {
            char c = s.charAt(i);
            sb.append(Character.isLetterOrDigit(c) ? c : '_');
        }
        return sb.toString();
    }

    private int slot(String var) {
        return engine.symbols().slot(var);
    }

    private int importSlot(String alias) {
        return engine.symbols().slot("\0m:" + name + ":" + alias);
    }

    private void tick() {
        if ((++clockSteps & 1023) == 0) {
            RenderClock.checkCurrent(); // compiled during a limited render: its deadline holds
        }
    }

    // ---- methods ------------------------------------------------------------------------------------------

    /** Writes a statement as a method of its own (an Exec entry point); returns its id. */
    int bodyMethod(String prefix, Stmt s) {
        MethodVisitor m = gen.newBody(prefix, true);
        int id = gen.lastExecId(); // before the body registers methods of its own
        inMethod(m, () -> stmt(s), RETURN);
        return id;
    }

    /** Writes a statement as a private static method (Frame, RenderState) and returns its name. */
    private String helperMethod(String prefix, Stmt s) {
        MethodVisitor m = gen.newBody(prefix, false);
        String n = gen.lastName;
        inMethod(m, () -> stmt(s), RETURN);
        return n;
    }

    /** Writes an expression as a method of its own (an Eval entry point); returns its id. */
    int evalMethod(String prefix, Expr e) {
        MethodVisitor m = gen.newEval(prefix);
        int id = gen.lastEvalId();
        inMethod(m, () -> expr(e), ARETURN);
        return id;
    }

    /** Writes code into a new method m, with the state of the method being written saved around it. */
    private void inMethod(MethodVisitor m, Runnable code, int returnOp) {
        MethodVisitor saved = mv;
        int savedLocal = nextLocal;
        int savedLine = lastLine;
        int savedOpen = open;
        int savedLoops = loopsOpen;
        int savedTry = tryDepth;
        open = 0;
        loopsOpen = 0;
        tryDepth = 0;
        mv = m;
        nextLocal = 2;
        lastLine = -1;
        code.run();
        mv.visitInsn(returnOp);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        mv = saved;
        nextLocal = savedLocal;
        lastLine = savedLine;
        open = savedOpen;
        loopsOpen = savedLoops;
        tryDepth = savedTry;
    }

    /** An expression as an Eval object the runtime calls back (an arrow's body), loaded as a constant. */
    private void evalObject(Expr e) {
        int id = evalMethod("fn", e);
        gen.constant(mv, new EvalRef(gen, id), Object.class);
    }

    /**
     * An Eval entry point as a constant: its instance exists only once the class is defined, so the constant
     * forwards to it (an arrow's body, handed to the runtime).
     */
    static final class EvalRef implements Eval {
        private final ClassGen gen;
        private final int id;
        private volatile Eval target;

        EvalRef(ClassGen gen, int id) {
            this.gen = gen;
            this.id = id;
        }

        @Override
        public Object eval(Frame f, RenderState st) {
            Eval e = target;
            if (e == null) {
                e = gen.eval(id);
                target = e;
            }
            return e.eval(f, st);
        }
    }

    private int newLocal() {
        return nextLocal++;
    }

    private int newLongLocal() {
        int l = nextLocal;
        nextLocal += 2;
        return l;
    }

    private void line(int line) {
        if (line > 0 && line != lastLine) {
            Label l = new Label();
            mv.visitLabel(l);
            mv.visitLineNumber(line, l);
            lastLine = line;
        }
    }

    void loadF() {
        mv.visitVarInsn(ALOAD, 0);
    }

    private void loadSt() {
        mv.visitVarInsn(ALOAD, 1);
    }

    private void constant(Object v, Class<?> type) {
        gen.constant(mv, v, type);
    }

    private void str(String s) {
        gen.str(mv, s);
    }

    private void push(int v) {
        ClassGen.push(mv, v);
    }

    private void bool(boolean b) {
        push(b ? 1 : 0);
    }

    /** A static call; the engine's own methods are reached through the template class's TemplateClass bridges. */
    private void invokeStatic(String owner, String method, String desc) {
        String target = owner.startsWith("dev/zweig/") ? gen.internalName : owner;
        mv.visitMethodInsn(INVOKESTATIC, target, method, desc, false);
    }

    private void boxBoolean() {
        invokeStatic("java/lang/Boolean", "valueOf", "(Z)Ljava/lang/Boolean;");
    }

    private void getStatic(String field) {
        mv.visitFieldInsn(GETSTATIC, gen.internalName, field, OBJ_D);
    }

    private void undefined() {
        getStatic("UNDEFINED");
    }

    private void nullSafeStop() {
        getStatic("NULL_SAFE_STOP");
    }

    /**
     * f.get(slot), its slot test in line: the first-read path (a context lookup) is a call of its own at each read,
     * so a read that always finds its slot set (a loop variable) compiles to an array load and a compare.
     */
    private void frameGet(int slot) {
        loadF();
        push(slot);
        invokeStatic(SEM, "framePeek", "(" + OBJ_D + "I)" + OBJ_D);
        mv.visitInsn(DUP);
        getStatic("UNREAD");
        Label read = new Label();
        mv.visitJumpInsn(IF_ACMPNE, read);
        mv.visitInsn(POP);
        loadF();
        push(slot);
        invokeStatic(SEM, "frameGet", "(" + OBJ_D + "I)" + OBJ_D);
        mv.visitLabel(read);
    }

    /** f.set(slot, value on the stack) */
    private void frameSet(int slot) {
        loadF();
        mv.visitInsn(SWAP);
        push(slot);
        mv.visitInsn(SWAP);
        invokeStatic(SEM, "frameSet", "(" + OBJ_D + "I" + OBJ_D + ")V");
    }

    /** Runs body in a region whose RuntimeExceptions leave located at the line (Engine.wrap). */
    private void wrapped(int line, Runnable body) {
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        Label after = new Label();
        mv.visitLabel(start);
        mv.visitInsn(NOP); // a range is never empty, even around code that writes nothing
        tryDepth++;
        body.run();
        tryDepth--;
        mv.visitLabel(end);
        // registered once the body is written, so after the regions nested in it: the JVM takes the first entry
        // of the exception table that covers the instruction, which must be the innermost
        mv.visitTryCatchBlock(start, end, handler, "java/lang/RuntimeException");
        mv.visitJumpInsn(GOTO, after);
        mv.visitLabel(handler);
        str(name);
        push(line);
        invokeStatic(ENGINE, "wrap", "(Ljava/lang/RuntimeException;Ljava/lang/String;I)Ldev/zweig/"
                + "TemplateRuntimeException;");
        mv.visitInsn(ATHROW);
        mv.visitLabel(after);
    }

    /** Runs body, then fin on the way out, normal or not. body must leave the stack as it found it. */
    private void tryFinally(Runnable body, Runnable fin) {
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        Label after = new Label();
        mv.visitLabel(start);
        mv.visitInsn(NOP);
        tryDepth++;
        body.run();
        tryDepth--;
        mv.visitLabel(end);
        mv.visitTryCatchBlock(start, end, handler, null); // after the regions nested in it (see wrapped)
        fin.run();
        mv.visitJumpInsn(GOTO, after);
        mv.visitLabel(handler);
        int ex = newLocal();
        mv.visitVarInsn(ASTORE, ex);
        fin.run();
        mv.visitVarInsn(ALOAD, ex);
        mv.visitInsn(ATHROW);
        mv.visitLabel(after);
    }

    // ---- render-private scratch ------------------------------------------------------------------------------

    private boolean releasesArena(Object n) {
        return releasePoints.contains(n) && !(n instanceof Expr.Conditional);
    }

    private boolean releasesTexts(Object n) {
        return textConsumers.contains(n) && !scratchTexts.contains(n) && !(n instanceof Expr.Conditional);
    }

    /** Pushes nothing; runs code (which leaves the stack as found) giving back the scratch n took (see ClosureCompiler). */
    private void released(Object n, Runnable code) {
        boolean arena = releasesArena(n);
        boolean texts = releasesTexts(n);
        if (!arena && !texts) {
            code.run();
            return;
        }
        int mark = newLongLocal();
        int top = newLocal();
        loadSt();
        invokeStatic(SEM, "arenaMark", "(" + OBJ_D + ")J");
        mv.visitVarInsn(LSTORE, mark);
        loadSt();
        invokeStatic(SEM, "textTop", "(" + OBJ_D + ")I");
        mv.visitVarInsn(ISTORE, top);
        tryFinally(code, () -> {
            if (arena) {
                loadSt();
                mv.visitVarInsn(LLOAD, mark);
                invokeStatic(SEM, "release", "(" + OBJ_D + "J)V");
            }
            if (texts) {
                loadSt();
                mv.visitVarInsn(ILOAD, top);
                invokeStatic(SEM, "setTextTop", "(" + OBJ_D + "I)V");
            }
        });
    }

    /**
     * Whether evaluating e may leave render-private text taken for its reader to free (an expression of the
     * analysis' texts under it): only then does a statement note the text stack's top to set it back after.
     * Everything else that takes text gives it back itself.
     */
    private boolean keepsText(Expr e) {
        return dev.zweig.pass.Nodes.any(e, scratchTexts::contains);
    }

    /** A local holding st.textTop now. */
    int saveTextTop() {
        int top = newLocal();
        loadSt();
        invokeStatic(SEM, "textTop", "(" + OBJ_D + ")I");
        mv.visitVarInsn(ISTORE, top);
        return top;
    }

    void restoreTextTop(int top) {
        loadSt();
        mv.visitVarInsn(ILOAD, top);
        invokeStatic(SEM, "setTextTop", "(" + OBJ_D + "I)V");
    }

    boolean isScratchCall(Expr e) {
        return scratchCalls.contains(e);
    }

    /** How a scratch call may extend its input in place (see ScratchAnalysis.Result#inPlace). */
    byte inPlace(Expr e) {
        return scratch.inPlace(e);
    }

    boolean isScratchText(Expr e) {
        return scratchTexts.contains(e);
    }

    boolean isReleasePoint(Object n) {
        return releasePoints.contains(n);
    }

    void privateArrow(Expr.Arrow a) {
        privateArrows.add(a);
    }

    // ---- statements ---------------------------------------------------------------------------------------

    private void stmt(Stmt s) {
        if (s == null) {
            return;
        }
        // the locals a statement takes are dead once it is written: the next one reuses them (a method's frames
        // are computed over all its locals, so a method of many statements each with locals of its own costs
        // blocks x locals to verify and may exceed ASM's limits). Not inside a try region: ASM merges a handler's
        // frame from its blocks' first and last states only, so a slot holding another type in between (an int
        // where an Object was before and is again) would fail verification
        int locals = nextLocal;
        stmtOf(s);
        if (tryDepth == 0) {
            nextLocal = locals;
        }
    }

    private void stmtOf(Stmt s) {
        tick();
        if (s instanceof Stmt.Body b) {
            seq(b.stmts());
        } else if (s instanceof Stmt.Text tx) {
            text(tx.text(), tx.line());
        } else if (s instanceof Stmt.Print p) {
            line(p.line());
            int texts = keepsText(p.expr()) ? saveTextTop() : -1;
            released(p, () -> wrapped(p.line(), () -> writer(p.expr(), p.escape(), p.line(), false)));
            if (texts >= 0) {
                restoreTextTop(texts); // the render-private text the expression read is free again
            }
        } else if (s instanceof Stmt.If i) {
            nested(i, false, () -> ifStmt(i));
        } else if (s instanceof Stmt.For fo) {
            nested(fo, true, () -> released(fo, () -> EmitLoops.forStmt(this, fo)));
        } else if (s instanceof Stmt.Set set) {
            setStmt(set);
        } else if (s instanceof Stmt.Capture c) {
            nested(c, false, () -> capture(c));
        } else if (s instanceof Stmt.BlockCall bc) {
            line(bc.line());
            constant(t, CompiledTemplate.class);
            str(bc.name());
            loadF();
            loadSt();
            push(bc.line());
            invokeStatic(TPL, "yieldBlock", "(" + OBJ_D + "Ljava/lang/String;" + OBJ_D + OBJ_D + "I)V");
        } else if (s instanceof Stmt.Include inc) {
            released(inc, () -> EmitCalls.include(this, inc));
        } else if (s instanceof Stmt.Embed em) {
            released(em, () -> EmitCalls.embed(this, em));
        } else if (s instanceof Stmt.Import imp) {
            EmitCalls.importStmt(this, imp);
        } else if (s instanceof Stmt.Autoescape a) {
            stmt(a.body());
        } else if (s instanceof Stmt.With w) {
            released(w, () -> EmitCalls.with(this, w));
        } else if (s instanceof Stmt.Do d) {
            line(d.line());
            int texts = saveTextTop();
            wrapped(d.line(), () -> { // located at the do, as Twig's debug info has it
                expr(d.expr());
                mv.visitInsn(POP);
            });
            restoreTextTop(texts);
        } else if (s instanceof Stmt.Flush || s instanceof Stmt.Deprecated) {
            return;
        } else if (s instanceof Stmt.Guard g) {
            stmt(g.exists() ? g.body() : g.otherwise());
        } else if (s instanceof Stmt.Sandbox sb) {
            nested(sb, false, () -> sandbox(sb));
        } else if (s instanceof Stmt.Custom cn) {
            EmitCustom.custom(this, cn);
        } else {
            throw new TemplateSyntaxException("Unsupported statement " + s.getClass().getSimpleName() + ".", name,
                    s.line());
        }
    }

    /**
     * Writes a statement that nests others in this method or, when this method already has too many open around it
     * (two loops, or MAX_NEST statements), as a method of its own: ASM computes a method's frames over all its
     * blocks and exception handlers at a cost that grows with their nesting (loops, with their back edges, the
     * fastest), soon beyond its limits; per method it stays small.
     */
    private void nested(Stmt s, boolean loop, Runnable write) {
        if (loop && loopsOpen >= 2 || loopsOpen * 3 + open >= MAX_NEST) {
            callPart(List.of(new Stmt.Body(List.of(s), s.line())));
            return;
        }
        if (loop) {
            loopsOpen++;
        } else {
            open++;
        }
        write.run();
        if (loop) {
            loopsOpen--;
        } else {
            open--;
        }
    }

    /** AST nodes per method at most before a sequence of statements is split (a JVM method holds 64 KiB). */
    private static final int CHUNK = 1500;
    /** Parts one method calls at most (a method of thousands of calls exceeds ASM's limits too). */
    private static final int MAX_PARTS = 256;
    private static final int STATEMENT = 100;
    private static final int LOOP_STATEMENT = 400;

    private void seq(List<Stmt> stmts) {
        // each run of texts one write, as the interpreter writes it, wherever the parts below fall
        stmts = Stmt.joinTexts(stmts);
        if (stmts.size() > 1) {
            int total = 0;
            int[] weights = new int[stmts.size()];
            for (int i = 0; i < weights.length; i++) {
                // a statement weighs STATEMENT nodes, a loop LOOP_STATEMENT: ASM checks each block of a method
                // against each of its exception handlers (about one per statement, a few per loop, whose back edge
                // has its blocks checked again), so a method's cost grows with the square of its statements
                weights[i] = dev.zweig.pass.NodeCount.of(stmts.get(i), CHUNK, STATEMENT, LOOP_STATEMENT);
                total += weights[i];
            }
            if (total > CHUNK) {
                // in parts, each a method of its own called in turn (statements share only the frame)
                List<List<Stmt>> parts = new ArrayList<>();
                List<Stmt> part = new ArrayList<>();
                int weight = 0;
                for (int i = 0; i < weights.length; i++) {
                    if (weight + weights[i] > CHUNK && !part.isEmpty()) {
                        parts.add(part);
                        part = new ArrayList<>();
                        weight = 0;
                    }
                    part.add(stmts.get(i));
                    weight += weights[i];
                }
                parts.add(part);
                // too many parts for one method to call: groups of them, each a method calling its parts
                for (int g = 0; g < parts.size(); g += MAX_PARTS) {
                    List<List<Stmt>> group = parts.subList(g, Math.min(parts.size(), g + MAX_PARTS));
                    if (parts.size() <= MAX_PARTS) {
                        group.forEach(this::callPart);
                    } else {
                        callPart(List.of(new Stmt.Body(group.stream().flatMap(List::stream).toList(),
                                group.get(0).get(0).line())));
                    }
                }
                return;
            }
        }
        StringBuilder text = null;
        int textLine = 0;
        for (Stmt s : stmts) {
            if (s instanceof Stmt.Text tx) {
                if (text == null) {
                    text = new StringBuilder();
                    textLine = tx.line();
                }
                text.append(tx.text());
                continue;
            }
            if (text != null) {
                text(text.toString(), textLine);
                text = null;
            }
            stmt(s);
        }
        if (text != null) {
            text(text.toString(), textLine);
        }
    }

    /** Writes statements as a method of their own, called here (one such statement too: its caller may hold many). */
    private void callPart(List<Stmt> part) {
        String m = helperMethod("part", part.size() == 1 && part.get(0) instanceof Stmt.Body b ? b
                : new Stmt.Body(part, part.get(0).line()));
        loadF();
        loadSt();
        mv.visitMethodInsn(INVOKESTATIC, gen.internalName, m, ClassGen.BODY_DESC, false);
    }

    /**
     * st.out.writeText(s, utf8): the text and its UTF-8 bytes, encoded once; a limit it exceeds (the output
     * characters) is reported at the text's line (a region of the exception table: nothing runs on success).
     */
    private void text(String s, int line) {
        if (s.isEmpty()) {
            return;
        }
        byte[] utf8 = Character.isLowSurrogate(s.charAt(0)) || Character.isHighSurrogate(s.charAt(s.length() - 1))
                ? null : s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        line(line);
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        Label after = new Label();
        mv.visitLabel(start);
        out();
        str(s);
        if (utf8 == null) {
            mv.visitInsn(ACONST_NULL);
        } else {
            constant(utf8, byte[].class);
        }
        mv.visitMethodInsn(INVOKEINTERFACE, OUTPUT, "writeText", "(Ljava/lang/String;[B)V", true);
        mv.visitLabel(end);
        mv.visitTryCatchBlock(start, end, handler, TEMPLATE_EXCEPTION);
        mv.visitJumpInsn(GOTO, after);
        mv.visitLabel(handler);
        str(name);
        push(line);
        mv.visitMethodInsn(INVOKEVIRTUAL, TEMPLATE_EXCEPTION, "locate", "(Ljava/lang/String;I)L"
                + TEMPLATE_EXCEPTION + ";", false);
        mv.visitInsn(ATHROW);
        mv.visitLabel(after);
    }

    private static final String TEMPLATE_EXCEPTION = Type.getInternalName(dev.zweig.TemplateException.class);

    /** Pushes st.out. */
    private void out() {
        loadSt();
        invokeStatic(SEM, "out", "(" + OBJ_D + ")L" + OUTPUT + ";");
    }

    /** Writes "print this expression" straight into the output (see ClosureCompiler#writer for the shapes). */
    private void writer(Expr ex, String strategy, int line, boolean inConcat) {
        released(ex, () -> writerOf(ex, strategy, line, inConcat));
    }

    private void writerOf(Expr ex, String strategy, int line, boolean inConcat) {
        if (ex instanceof Expr.Parent par && !inConcat) {
            constant(t, CompiledTemplate.class);
            str(par.block());
            loadF();
            loadSt();
            push(line);
            invokeStatic(TPL, "yieldParentBlock", "(" + OBJ_D + "Ljava/lang/String;" + OBJ_D + OBJ_D + "I)V");
            return;
        }
        if (ex instanceof Expr.BlockRef br && !br.defined() && !inConcat) {
            EmitCalls.blockRef(this, br);
            return;
        }
        if (ex instanceof Expr.NullCoalesce nc && nc.left() instanceof Expr.BlockRef br && !br.defined()
                && !inConcat) {
            // block(name) ?? x printed: the block in place when defined (its markup would print as it is), else x
            // as it would print; no captured String, no Markup
            Label no = new Label();
            Label done = new Label();
            EmitCalls.blockDefined(this, new Expr.BlockRef(br.name(), br.template(), true, br.line()));
            invokeStatic(VALUES, "isTrue", "(" + OBJ_D + ")Z");
            mv.visitJumpInsn(IFEQ, no);
            EmitCalls.blockRef(this, br);
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(no);
            writer(nc.right(), strategy, line, false);
            mv.visitLabel(done);
            return;
        }
        if (ex instanceof Expr.Literal l) {
            String s = Values.toString(l.value());
            if (strategy != null && inConcat) {
                s = Escapers.escape(strategy, s);
            }
            if (!s.isEmpty()) {
                out();
                str(s);
                mv.visitMethodInsn(INVOKEINTERFACE, OUTPUT, "write", "(Ljava/lang/String;)V", true);
            }
            return;
        }
        if (ex instanceof Expr.MacroCall mc && mc.nameExpr() == null && !inConcat
                && mc.args().stream().noneMatch(Expr.Arg::spread) && EmitCalls.macroInPlace(this, mc)) {
            return;
        }
        if (ex instanceof Expr.Function fn && !inConcat
                && (fn.name().equals("include") || fn.name().equals("include_only"))
                && engine.isCoreFunction(engine.definitions().function(fn.name()))) {
            EmitCalls.includeFunction(this, fn, false);
            mv.visitInsn(POP);
            return;
        }
        if (ex instanceof Expr.Conditional c && c.then() != null && strategy == null) {
            // a ternary printed: the branch taken printed in place (a constant branch is static text; the escaper
            // pass escaped each branch already, as Twig does operand by operand)
            Label other = new Label();
            Label done = new Label();
            ternaryCondition(c, other);
            writer(c.then(), null, line, inConcat);
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(other);
            writer(c.otherwise(), null, line, inConcat);
            mv.visitLabel(done);
            return;
        }
        if (ex instanceof Expr.Concat c) {
            for (Expr part : c.parts()) {
                writer(part, strategy, line, true);
            }
            return;
        }
        if (ex instanceof Expr.Binary b && b.op().equals("~")) {
            writer(b.left(), strategy, line, true);
            writer(b.right(), strategy, line, true);
            return;
        }
        if (ex instanceof Expr.Filter fl) {
            FilterDefinition d = engine.definitions().filter(fl.name());
            if (d != null && d.writer() != null && !fl.name().equals("default") && !fl.name().equals("raw")) {
                EmitCalls.filterWriter(this, fl, d, strategy);
                return;
            }
        }
        if (ex instanceof Expr.GetAttr g && !inConcat && (strategy == null || strategy.equals("html"))
                && EmitAttrs.printAttr(this, g, strategy)) {
            return; // read and printed by the attribute's site: a number getter's value is written unboxed
        }
        expr(ex);
        if (strategy == null || !inConcat && strategy.equals("html")) {
            printValue(strategy);
            return;
        }
        printEscaped(strategy, inConcat);
    }

    /** Prints the value on the stack as a print statement does, strategy null (raw) or "html" (not in a concat). */
    void printValue(String strategy) {
        if (strategy == null) {
            loadSt();
            invokeStatic(SEM, "print", "(" + OBJ_D + OBJ_D + ")V");
            return;
        }
        // the common case inline: a String escaped into the output, anything else by the general rule
        int v = newLocal();
        mv.visitVarInsn(ASTORE, v);
        Label other = new Label();
        Label done = new Label();
        mv.visitVarInsn(ALOAD, v);
        mv.visitTypeInsn(INSTANCEOF, "java/lang/String");
        mv.visitJumpInsn(IFEQ, other);
        mv.visitVarInsn(ALOAD, v);
        mv.visitTypeInsn(CHECKCAST, "java/lang/CharSequence");
        out();
        invokeStatic(Type.getInternalName(Escapers.class), "html", "(Ljava/lang/CharSequence;L" + OUTPUT + ";)V");
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(other);
        mv.visitVarInsn(ALOAD, v);
        printEscaped(strategy, false);
        mv.visitLabel(done);
    }

    /** Semantics.printEscaped(value on the stack, strategy, html, inConcat, st), through the template class. */
    private void printEscaped(String strategy, boolean inConcat) {
        str(strategy);
        bool(strategy.equals("html"));
        bool(inConcat);
        loadSt();
        invokeStatic(SEM, "printEscaped", "(" + OBJ_D + "Ljava/lang/String;ZZ" + OBJ_D + ")V");
    }

    private void ifStmt(Stmt.If i) {
        Label end = new Label();
        int n = i.conds().size();
        line(i.line());
        for (int k = 0; k < n; k++) {
            Label next = new Label();
            Expr c = i.conds().get(k);
            int cond = newLocal();
            int texts = keepsText(c) ? saveTextTop() : -1;
            boolean release = releasePoints.contains(i);
            int mark = release ? newLongLocal() : -1;
            if (release) {
                loadSt();
                invokeStatic(SEM, "arenaMark", "(" + OBJ_D + ")J");
                mv.visitVarInsn(LSTORE, mark);
            }
            wrapped(i.line(), () -> {
                condition(c);
                mv.visitVarInsn(ISTORE, cond);
                if (release) {
                    // what testing a condition took in scratch storage is given back once it is tested
                    loadSt();
                    mv.visitVarInsn(LLOAD, mark);
                    invokeStatic(SEM, "release", "(" + OBJ_D + "J)V");
                }
            });
            if (texts >= 0) {
                restoreTextTop(texts);
            }
            mv.visitVarInsn(ILOAD, cond);
            mv.visitJumpInsn(IFEQ, next);
            stmt(i.bodies().get(k));
            mv.visitJumpInsn(GOTO, end);
            mv.visitLabel(next);
        }
        if (i.otherwise() != null) {
            stmt(i.otherwise());
        }
        mv.visitLabel(end);
    }

    /** Pushes the truth of a condition as an int (PHP truthiness, booleans first). */
    void condition(Expr c) {
        if (c instanceof Expr.Unary u && u.op().equals("not")) {
            condition(u.operand());
            push(1);
            mv.visitInsn(org.objectweb.asm.Opcodes.IXOR);
            return;
        }
        if (c instanceof Expr.Binary b && (b.op().equals("and") || b.op().equals("or"))) {
            Label shortCut = new Label();
            Label done = new Label();
            boolean and = b.op().equals("and");
            condition(b.left());
            mv.visitJumpInsn(and ? IFEQ : IFNE, shortCut);
            condition(b.right());
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(shortCut);
            bool(!and);
            mv.visitLabel(done);
            return;
        }
        expr(c);
        invokeStatic(SEM, "truthy", "(" + OBJ_D + ")Z");
    }

    private void setStmt(Stmt.Set set) {
        int n = set.names().size();
        line(set.line());
        boolean anyText = set.values().stream().anyMatch(scratchTexts::contains);
        if (n == 1 && scratch.keptDates().contains(set.values().get(0))) {
            // a render-private date only the core date readers read: copied into the scope's own date for the
            // variable, and the scratch storage it took is free again (a loop of any length takes none)
            int slot = slot(set.names().get(0));
            int mark = newLongLocal();
            loadSt();
            invokeStatic(SEM, "arenaMark", "(" + OBJ_D + ")J");
            mv.visitVarInsn(LSTORE, mark);
            wrapped(set.line(), () -> {
                expr(set.values().get(0));
                loadF();
                push(slot);
                invokeStatic(SEM, "keepDate", "(" + OBJ_D + OBJ_D + "I)" + OBJ_D);
                frameSet(slot);
            });
            loadSt();
            mv.visitVarInsn(LLOAD, mark);
            invokeStatic(SEM, "release", "(" + OBJ_D + "J)V");
            return;
        }
        if (n == 1 && !anyText) {
            int slot = slot(set.names().get(0));
            wrapped(set.line(), () -> {
                expr(set.values().get(0));
                frameSet(slot);
            });
            return;
        }
        int texts = anyText ? saveTextTop() : -1;
        int[] locals = new int[n];
        for (int i = 0; i < n; i++) {
            locals[i] = newLocal();
        }
        wrapped(set.line(), () -> {
            for (int i = 0; i < n; i++) {
                expr(set.values().get(i));
                mv.visitVarInsn(ASTORE, locals[i]);
            }
        });
        for (int i = 0; i < n; i++) {
            int slot = slot(set.names().get(i));
            mv.visitVarInsn(ALOAD, locals[i]);
            if (scratchTexts.contains(set.values().get(i))) {
                // text kept in a variable only the core reads: copied into the scope's own buffer for it
                loadF();
                push(slot);
                invokeStatic(SEM, "keepText", "(" + OBJ_D + OBJ_D + "I)" + OBJ_D);
            }
            frameSet(slot);
        }
        if (anyText) {
            restoreTextTop(texts);
        }
    }

    private void capture(Stmt.Capture c) {
        int slot = slot(c.name());
        int prev = newLocal();
        loadSt();
        invokeStatic(SEM, "beginCapture", "(" + OBJ_D + ")L" + OUTPUT + ";");
        mv.visitVarInsn(ASTORE, prev);
        boolean kept = captures.contains(c);
        tryFinally(() -> stmt(c.body()), () -> {
            if (kept) {
                // safe text only the core reads: kept in the scope's own buffer for the variable
                mv.visitVarInsn(ALOAD, prev);
                loadF();
                push(slot);
                loadSt();
                invokeStatic(SEM, "keepCapture", "(L" + OUTPUT + ";" + OBJ_D + "I" + OBJ_D + ")" + OBJ_D);
            } else {
                loadSt();
                mv.visitVarInsn(ALOAD, prev);
                invokeStatic(SEM, "endCaptureMarkup", "(" + OBJ_D + "L" + OUTPUT + ";)" + OBJ_D);
            }
            frameSet(slot);
        });
    }

    /** Pushes the output of a statement run into a capture, as markup (value of parent(), block()). */
    void capturedMarkup(Runnable render) {
        capturedMarkup(render, false);
    }

    /**
     * What render writes, captured as a Markup; or, where only the core reads it as text (text: see
     * ScratchAnalysis), as render-private safe text in a buffer of the text stack, which the reader frees.
     */
    void capturedMarkup(Runnable render, boolean text) {
        int top = text ? saveTextTop() : -1;
        int into = newLocal();
        if (text) {
            loadSt();
            invokeStatic(SEM, "pushText", "(" + OBJ_D + ")" + OBJ_D);
            mv.visitVarInsn(ASTORE, into);
        }
        int prev = newLocal();
        int r = newLocal();
        loadSt();
        invokeStatic(SEM, "beginCapture", "(" + OBJ_D + ")L" + OUTPUT + ";");
        mv.visitVarInsn(ASTORE, prev);
        tryFinally(render, () -> {
            loadSt();
            mv.visitVarInsn(ALOAD, prev);
            if (text) {
                mv.visitVarInsn(ALOAD, into);
                mv.visitVarInsn(ILOAD, top);
                invokeStatic(SEM, "endCaptureText", "(" + OBJ_D + "L" + OUTPUT + ";" + OBJ_D + "I)" + OBJ_D);
            } else {
                invokeStatic(SEM, "endCapture", "(" + OBJ_D + "L" + OUTPUT + ";)Ljava/lang/String;");
            }
            mv.visitVarInsn(ASTORE, r);
        });
        mv.visitVarInsn(ALOAD, r);
        if (!text) {
            invokeStatic(SEM, "markup", "(Ljava/lang/String;)" + OBJ_D);
        }
    }

    private void sandbox(Stmt.Sandbox sb) {
        int saved = newLocal();
        String policy = "Ldev/zweig/sandbox/SecurityPolicy;";
        loadSt();
        invokeStatic(SEM, "policy", "(" + OBJ_D + ")" + policy);
        mv.visitVarInsn(ASTORE, saved);
        loadSt();
        constant(engine.settings().securityPolicy(), dev.zweig.sandbox.SecurityPolicy.class);
        invokeStatic(SEM, "sandbox", "(" + OBJ_D + policy + ")V");
        tryFinally(() -> stmt(sb.body()), () -> {
            loadSt();
            mv.visitVarInsn(ALOAD, saved);
            invokeStatic(SEM, "setPolicy", "(" + OBJ_D + policy + ")V");
        });
    }

    // ---- expressions --------------------------------------------------------------------------------------

    /** Pushes the value of an expression. */
    void expr(Expr e) {
        tick();
        if (!releasesArena(e) && !releasesTexts(e)) {
            exprOf(e);
            return;
        }
        int r = newLocal();
        released(e, () -> {
            exprOf(e);
            mv.visitVarInsn(ASTORE, r);
        });
        mv.visitVarInsn(ALOAD, r);
    }

    private void exprOf(Expr e) {
        if (e instanceof Expr.Literal l) {
            literal(l.value());
        } else if (e instanceof Expr.Name n) {
            name(n, false);
        } else if (e instanceof Expr.GetAttr g) {
            EmitAttrs.getAttr(this, g, false, true);
        } else if (e instanceof Expr.Binary b) {
            binary(b);
        } else if (e instanceof Expr.Unary u) {
            unary(u);
        } else if (e instanceof Expr.Concat c) {
            if (scratchTexts.contains(c) && !(c.parts().size() == 1 && c.parts().get(0) instanceof Expr.Literal)) {
                textConcat(c.parts());
            } else {
                concat(c.parts());
            }
        } else if (e instanceof Expr.Conditional c) {
            conditional(c);
        } else if (e instanceof Expr.NullCoalesce n) {
            Label done = new Label();
            Label right = new Label();
            int v = newLocal();
            lenient(n.left());
            mv.visitVarInsn(ASTORE, v);
            mv.visitVarInsn(ALOAD, v);
            mv.visitJumpInsn(IFNULL, right);
            mv.visitVarInsn(ALOAD, v);
            undefined();
            mv.visitJumpInsn(IF_ACMPEQ, right);
            mv.visitVarInsn(ALOAD, v);
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(right);
            expr(n.right());
            mv.visitLabel(done);
        } else if (e instanceof Expr.Sequence s) {
            EmitLiterals.sequence(this, s);
        } else if (e instanceof Expr.Mapping m) {
            EmitLiterals.mapping(this, m);
        } else if (e instanceof Expr.Filter fl) {
            EmitCalls.filter(this, fl);
        } else if (e instanceof Expr.Function fn) {
            EmitCalls.function(this, fn);
        } else if (e instanceof Expr.Test ts) {
            EmitCalls.test(this, ts);
        } else if (e instanceof Expr.Defined d) {
            EmitAttrs.defined(this, d);
        } else if (e instanceof Expr.MacroCall mc) {
            EmitCalls.macroCall(this, mc);
        } else if (e instanceof Expr.Arrow a) {
            arrow(a);
        } else if (e instanceof Expr.Assign a) {
            expr(a.value());
            mv.visitInsn(DUP);
            int v = newLocal();
            mv.visitVarInsn(ASTORE, v);
            loadF();
            loadSt();
            constant(EmitLiterals.pattern(this, a.target()), Object.class);
            mv.visitVarInsn(ALOAD, v);
            str(name);
            invokeStatic(SEM, "assign", "(" + OBJ_D + OBJ_D + "" + OBJ_D + OBJ_D + "Ljava/lang/String;)V");
        } else if (e instanceof Expr.Parent p) {
            capturedMarkup(() -> {
                constant(t, CompiledTemplate.class);
                str(p.block());
                loadF();
                loadSt();
                push(p.line());
                invokeStatic(TPL, "yieldParentBlock", "(" + OBJ_D + "Ljava/lang/String;" + OBJ_D + OBJ_D
                        + "I)V");
            });
        } else if (e instanceof Expr.BlockRef br) {
            if (br.defined()) {
                EmitCalls.blockDefined(this, br);
            } else {
                capturedMarkup(() -> EmitCalls.blockRef(this, br), isScratchText(br));
            }
        } else {
            throw new TemplateSyntaxException("Unsupported expression " + e.getClass().getSimpleName() + ".", name,
                    e.line());
        }
    }

    /** Pushes a constant value: strings and booleans as such, anything else from the class data. */
    void literal(Object v) {
        if (v == null) {
            mv.visitInsn(ACONST_NULL);
        } else if (v instanceof String s) {
            str(s);
        } else if (v instanceof Boolean b) {
            mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", b ? "TRUE" : "FALSE", "Ljava/lang/Boolean;");
        } else {
            constant(v, Object.class);
        }
    }

    void name(Expr.Name n, boolean lenient) {
        String var = n.name();
        switch (var) {
            case "_self":
                str(name);
                return;
            case "_context":
                loadF();
                invokeStatic(Type.getInternalName(Snapshots.class), "context", "(" + OBJ_D + ")" + OBJ_D);
                return;
            case "_charset":
                str("UTF-8");
                return;
            default:
                break;
        }
        int slot = slot(var);
        variable(slot, var, n.line(), lenient);
        if (Semantics.holdsLoopState(var)) {
            // the only names whose slots hold engine-private objects: what leaves through them is a snapshot
            invokeStatic(Type.getInternalName(Snapshots.class), "export", "(" + OBJ_D + ")" + OBJ_D);
        }
    }

    /** Reads a variable: as is (lenient), or raising / null when undefined. */
    void variable(int slot, String var, int line, boolean lenient) {
        frameGet(slot);
        if (lenient) {
            return;
        }
        Label ok = new Label();
        mv.visitInsn(DUP);
        undefined();
        mv.visitJumpInsn(IF_ACMPNE, ok);
        mv.visitInsn(POP);
        if (strict) {
            str(var);
            str(name);
            push(line);
            invokeStatic(SEM, "undefinedVariable", "(Ljava/lang/String;Ljava/lang/String;I)Ldev/zweig/"
                    + "TemplateRuntimeException;");
            mv.visitInsn(ATHROW);
        } else {
            mv.visitInsn(ACONST_NULL);
        }
        mv.visitLabel(ok);
    }

    /** Pushes a value without raising for what is undefined: Frame.UNDEFINED instead (see ClosureCompiler#lenient). */
    void lenient(Expr e) {
        if (e instanceof Expr.Name n) {
            name(n, true);
        } else if (e instanceof Expr.GetAttr g) {
            EmitAttrs.getAttr(this, g, true, true);
        } else if (e instanceof Expr.Filter fl && EmitCalls.isAutoescape(fl)) {
            // an undefined or null value passes through unescaped (for ?? to see), anything else is escaped
            int v = newLocal();
            Label done = new Label();
            lenient(fl.input());
            mv.visitVarInsn(ASTORE, v);
            mv.visitVarInsn(ALOAD, v);
            mv.visitJumpInsn(IFNULL, done);
            mv.visitVarInsn(ALOAD, v);
            undefined();
            mv.visitJumpInsn(IF_ACMPEQ, done);
            EmitCalls.filterOn(this, fl, v);
            mv.visitVarInsn(ASTORE, v);
            mv.visitLabel(done);
            mv.visitVarInsn(ALOAD, v);
        } else if (e instanceof Expr.BlockRef br && !br.defined()) {
            // as Twig's NullCoalesceExpression: `block(name) ?? x` is `block(name) is defined ? block(name) : x`
            Label no = new Label();
            Label done = new Label();
            EmitCalls.blockDefined(this, new Expr.BlockRef(br.name(), br.template(), true, br.line()));
            invokeStatic(VALUES, "isTrue", "(" + OBJ_D + ")Z");
            mv.visitJumpInsn(IFEQ, no);
            expr(br);
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(no);
            undefined();
            mv.visitLabel(done);
        } else {
            expr(e);
        }
    }

    private void binary(Expr.Binary b) {
        String op = b.op();
        if ((op.equals("has some") || op.equals("has every")) && b.right() instanceof Expr.Arrow arrow) {
            privateArrows.add(arrow); // called by the operator, never kept
        }
        if (op.equals("~") && scratchTexts.contains(b)) {
            textConcat(List.of(b.left(), b.right()));
            return;
        }
        switch (op) {
            case "or", "and" -> {
                condition(b);
                boxBoolean();
                return;
            }
            case "in", "not in" -> {
                expr(b.right());
                expr(b.left());
                loadSt();
                invokeStatic(OPS, "contains", "(" + OBJ_D + OBJ_D + OBJ_D + ")Z");
                if (op.equals("not in")) {
                    push(1);
                    mv.visitInsn(org.objectweb.asm.Opcodes.IXOR);
                }
                boxBoolean();
                return;
            }
            case "matches" -> {
                EmitCalls.matches(this, b);
                return;
            }
            default -> {
            }
        }
        expr(b.left());
        expr(b.right());
        switch (op) {
            case "xor" -> {
                invokeStatic(OPS, "xor", "(" + OBJ_D + OBJ_D + ")" + OBJ_D);
            }
            case "b-and", "b-or", "b-xor" -> {
                str(op);
                loadSt();
                invokeStatic(OPS, "bitwise", "(" + OBJ_D + OBJ_D + "Ljava/lang/String;" + OBJ_D + ")" + OBJ_D);
            }
            case "==", "!=" -> {
                invokeStatic(VALUES, "looseEquals", "(" + OBJ_D + OBJ_D + ")Z");
                negateIf(op.equals("!="));
            }
            case "===", "!==" -> {
                invokeStatic(VALUES, "strictEquals", "(" + OBJ_D + OBJ_D + ")Z");
                negateIf(op.equals("!=="));
            }
            case "<=>" -> invokeStatic(OPS, "spaceship", "(" + OBJ_D + OBJ_D + ")" + OBJ_D);
            case "~" -> {
                loadSt();
                invokeStatic(OPS, "concat", "(" + OBJ_D + OBJ_D + OBJ_D + ")" + OBJ_D);
            }
            case "has some", "has every" -> {
                loadSt();
                bool(op.equals("has every"));
                loadF();
                pushString(name);
                pushInt(b.line());
                invokeStatic(OPS, "hasSome", "(" + OBJ_D + OBJ_D + OBJ_D + "Z" + OBJ_D + "Ljava/lang/String;I)" + OBJ_D);
            }
            default -> {
                String m = Operators.method(op);
                if (m == null) {
                    throw new TemplateSyntaxException("Unknown operator \"" + op + "\".", name, b.line());
                }
                loadSt();
                invokeStatic(OPS, m, "(" + OBJ_D + OBJ_D + "" + OBJ_D + ")" + OBJ_D);
            }
        }
    }

    private void negateIf(boolean negate) {
        if (negate) {
            push(1);
            mv.visitInsn(org.objectweb.asm.Opcodes.IXOR);
        }
        boxBoolean();
    }

    private void unary(Expr.Unary u) {
        switch (u.op()) {
            case "not" -> {
                condition(u.operand());
                push(1);
                mv.visitInsn(org.objectweb.asm.Opcodes.IXOR);
                boxBoolean();
            }
            case "-" -> {
                expr(u.operand());
                loadSt();
                invokeStatic(SEM, "negate", "(" + OBJ_D + OBJ_D + ")" + OBJ_D);
            }
            default -> {
                expr(u.operand());
                invokeStatic(VALUES, "toNumber", "(" + OBJ_D + ")" + OBJ_D);
            }
        }
    }

    /** Concatenates the parts' texts into the next render-private text buffer (a ~ or interpolation). */
    private void textConcat(List<Expr> parts) {
        int texts = saveTextTop();
        int out = newLocal();
        loadSt();
        invokeStatic(SEM, "pushText", "(" + OBJ_D + ")" + OBJ_D);
        mv.visitVarInsn(ASTORE, out);
        for (Expr p : parts) {
            expr(p);
            mv.visitVarInsn(ALOAD, out);
            mv.visitVarInsn(ILOAD, texts);
            loadSt();
            invokeStatic(SEM, "textPart", "(" + OBJ_D + OBJ_D + "I" + OBJ_D + ")V");
        }
        mv.visitVarInsn(ALOAD, out);
    }

    private void concat(List<Expr> parts) {
        if (parts.size() == 1 && parts.get(0) instanceof Expr.Literal l) {
            str(Values.toString(l.value()));
            return;
        }
        mv.visitTypeInsn(NEW, "java/lang/StringBuilder");
        mv.visitInsn(DUP);
        mv.visitMethodInsn(INVOKESPECIAL, "java/lang/StringBuilder", "<init>", "()V", false);
        for (Expr p : parts) {
            expr(p);
            invokeStatic(SEM, "append", "(Ljava/lang/StringBuilder;" + OBJ_D + ")Ljava/lang/StringBuilder;");
        }
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/StringBuilder", "toString", "()Ljava/lang/String;", false);
    }

    private void conditional(Expr.Conditional c) {
        Label other = new Label();
        Label done = new Label();
        if (c.then() == null) {
            int v = newLocal();
            expr(c.cond());
            mv.visitVarInsn(ASTORE, v);
            mv.visitVarInsn(ALOAD, v);
            invokeStatic(VALUES, "isTrue", "(" + OBJ_D + ")Z");
            mv.visitJumpInsn(IFEQ, other);
            mv.visitVarInsn(ALOAD, v);
            mv.visitJumpInsn(GOTO, done);
        } else {
            ternaryCondition(c, other);
            expr(c.then());
            mv.visitJumpInsn(GOTO, done);
        }
        mv.visitLabel(other);
        expr(c.otherwise());
        mv.visitLabel(done);
    }

    /**
     * Tests a ternary's condition, jumping to other when false: only what testing it took is given back (the
     * branch's value is the conditional's).
     */
    private void ternaryCondition(Expr.Conditional c, Label other) {
        if (releasePoints.contains(c) || textConsumers.contains(c)) {
            boolean arena = releasePoints.contains(c);
            int mark = arena ? newLongLocal() : -1;
            if (arena) {
                loadSt();
                invokeStatic(SEM, "arenaMark", "(" + OBJ_D + ")J");
                mv.visitVarInsn(LSTORE, mark);
            }
            int texts = saveTextTop();
            condition(c.cond());
            if (arena) {
                loadSt();
                mv.visitVarInsn(LLOAD, mark);
                invokeStatic(SEM, "release", "(" + OBJ_D + "J)V");
            }
            restoreTextTop(texts);
        } else {
            condition(c.cond());
        }
        mv.visitJumpInsn(IFEQ, other);
    }

    private void arrow(Expr.Arrow a) {
        // private: one function object per site and render state (a steady-state render allocates none); else it
        // may reach user code, which may keep it: a new object per evaluation, bound to this render, over a copy
        // of its scope as it is now (Twig's closures capture the context by value)
        boolean shared = privateArrows.contains(a);
        if (shared) {
            push(engine.newSite());
        }
        constant(a.params().stream().mapToInt(this::slot).toArray(), int[].class);
        evalObject(a.body());
        loadF();
        loadSt();
        str(name);
        push(a.line());
        invokeStatic(SEM, shared ? "privateArrow" : "arrow", "(" + (shared ? "I" : "") + "[I" + OBJ_D + OBJ_D + OBJ_D
                + "Ljava/lang/String;I)" + OBJ_D);
    }

    // ---- access for the node families in their own files ------------------------------------------------------

    MethodVisitor mv() {
        return mv;
    }

    Engine engine() {
        return engine;
    }

    String name() {
        return name;
    }

    boolean strict() {
        return strict;
    }

    CompiledTemplate template() {
        return t;
    }

    ClassGen gen() {
        return gen;
    }

    int local() {
        return newLocal();
    }

    int longLocal() {
        return newLongLocal();
    }

    int slotOf(String var) {
        return slot(var);
    }

    int importSlotOf(String alias) {
        return importSlot(alias);
    }

    void markLine(int line) {
        line(line);
    }

    String method(String prefix, Stmt s) {
        return helperMethod(prefix, s);
    }

    void pushConst(Object v, Class<?> type) {
        constant(v, type);
    }

    void pushString(String s) {
        str(s);
    }

    void pushInt(int v) {
        push(v);
    }

    void pushUndefined() {
        undefined();
    }

    void pushNullSafeStop() {
        nullSafeStop();
    }

    void frameGetSlot(int slot) {
        frameGet(slot);
    }

    void frameSetSlot(int slot) {
        frameSet(slot);
    }

    void f() {
        loadF();
    }

    void st() {
        loadSt();
    }

    void call(String owner, String method, String desc) {
        invokeStatic(owner, method, desc);
    }

    void wrap(int line, Runnable body) {
        wrapped(line, body);
    }

    void tryFin(Runnable body, Runnable fin) {
        tryFinally(body, fin);
    }

    void statement(Stmt s) {
        stmt(s);
    }

    void writeValue(Expr ex, String strategy, int line, boolean inConcat) {
        writer(ex, strategy, line, inConcat);
    }

    void box() {
        boxBoolean();
    }

    void afterDefine(java.util.function.Consumer<ClassGen> a) {
        afterDefine.add(a);
    }

    static Set<String> assignedNames(Stmt body) {
        Set<String> out = new HashSet<>();
        dev.zweig.semantics.CompileRules.assignedNames(body, out);
        return out;
    }
}
