package dev.zweig.bytecode;

import dev.zweig.engine.Engine;
import dev.zweig.php.PhpRegex;
import dev.zweig.php.Values;
import dev.zweig.runtime.CompiledTemplate;
import dev.zweig.semantics.Semantics;
import static org.objectweb.asm.Opcodes.AASTORE;
import static org.objectweb.asm.Opcodes.ACONST_NULL;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ANEWARRAY;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.ATHROW;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFNULL;
import static org.objectweb.asm.Opcodes.IF_ACMPNE;
import static org.objectweb.asm.Opcodes.INSTANCEOF;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.LCMP;
import static org.objectweb.asm.Opcodes.LREM;
import static org.objectweb.asm.Opcodes.POP;

import dev.zweig.ast.Expr;
import dev.zweig.ast.Stmt;
import dev.zweig.ext.CallableDefinition;
import dev.zweig.ext.FilterDefinition;
import dev.zweig.ext.Param;
import dev.zweig.parser.CallArguments;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Calls as JVM code: filters, functions and tests with their arguments bound at compile time into the site's
 * reusable array, macros, includes, embeds, with, imports and block references (see the same names in the
 * interpreter's ClosureCalls and ClosureStmts, the reference).
 *
 * <p>About 800 lines because every kind of call shares the argument-binding emitters at its end; splitting calls
 * from includes would make both halves call into each other.
 */
final class EmitCalls {
    private static final String SEM = Type.getInternalName(Semantics.class);
    private static final String FRAME = ClassGen.FRAME;
    private static final String STATE = ClassGen.STATE;
    private static final String VALUES = Type.getInternalName(Values.class);
    private static final String OBJ_D = "Ljava/lang/Object;";
    private static final String CALL_SITE = OBJ_D; // a Semantics.CallSite
    private static final String MACRO = OBJ_D; // a CompiledTemplate.MacroImpl

    private EmitCalls() {
    }

    static boolean isAutoescape(Expr.Filter fl) {
        return dev.zweig.semantics.CompileRules.isAutoescape(fl);
    }

    /** The expressions bound to a definition's parameters (null: the parameter's default). */
    static Expr[] bindExprs(BytecodeCompiler c, CallableDefinition d, List<Expr.Arg> args, String kind, int line) {
        return CallArguments.bind(kind, d.name(), d.params(), d.isVariadic(), args, c.name(), line).params();
    }

    /** Pushes parameter i: its bound expression or its default value. */
    static void param(BytecodeCompiler c, CallableDefinition d, Expr[] params, int i) {
        if (params[i] != null) {
            c.expr(params[i]);
        } else {
            c.literal(d.params().get(i).defaultValue());
        }
    }

    // ---- filters, functions, tests -------------------------------------------------------------------------

    static void filter(BytecodeCompiler c, Expr.Filter fl) {
        FilterDefinition d = c.engine().definitions().filter(fl.name());
        switch (fl.name()) {
            case "default" -> {
                defaultFilter(c, fl, d);
                return;
            }
            case "raw" -> {
                c.expr(fl.input());
                return;
            }
            default -> {
            }
        }
        if (d == null) {
            // only reachable inside a guard for a missing filter: never executed
            unknown(c, "filter", fl.name(), fl.line());
            return;
        }
        filterWithInput(c, fl, d, input(c, fl, d));
    }

    /**
     * How to push a filter's input: its expression's value, or for {@code _context|keys} and {@code _context|length}
     * the frame itself, listed by name in the call (see CompileRules#readsContextNames).
     */
    private static Runnable input(BytecodeCompiler c, Expr.Filter fl, FilterDefinition d) {
        if (dev.zweig.semantics.CompileRules.readsContextNames(fl, c.engine().isCoreFilter(d))) {
            return c::loadF;
        }
        return () -> c.expr(fl.input());
    }

    /**
     * A filter call once its input is known how to push: arrows a core filter calls and drops are the render's own,
     * and a result only the core reads may live in render-private storage (see ClosureCompiler#filterWithInput).
     */
    private static void filterWithInput(BytecodeCompiler c, Expr.Filter fl, FilterDefinition d, Runnable input) {
        Engine engine = c.engine();
        dev.zweig.semantics.CompileRules.privateArrowArgs(engine, d, fl).forEach(c::privateArrow);
        boolean intoScratch = c.isScratchCall(fl);
        if (c.isScratchText(fl) && engine.isCoreFilter(d) && fl.args().stream().noneMatch(Expr.Arg::spread)
                && (fl.name().equals("split") || d.writer() != null)) {
            textFilter(c, fl, d, input, intoScratch);
            return;
        }
        call(c, d, input, fl.args(), "filter", fl.line(), false, intoScratch, c.inPlace(fl));
    }

    /** A core string filter writing into the next render-private text buffer (see ClosureCompiler#textFilter). */
    private static void textFilter(BytecodeCompiler c, Expr.Filter fl, FilterDefinition d, Runnable input,
            boolean intoScratch) {
        MethodVisitor mv = c.mv();
        boolean split = fl.name().equals("split");
        int texts = c.saveTextTop();
        int out = c.local();
        c.st();
        c.call(SEM, "pushText", "(" + OBJ_D + ")" + OBJ_D); // taken first: what the arguments take is above it
        mv.visitVarInsn(ASTORE, out);
        Args a = arguments(c, d, input, fl.args(), "filter", fl.line(), false);
        c.pushConst(new Semantics.CallSite(d.body(), a.site, split ? -1 : a.listSite, intoScratch, c.name(),
                fl.line()), Semantics.CallSite.class);
        if (split) {
            mv.visitVarInsn(ALOAD, out);
            mv.visitVarInsn(ALOAD, a.local);
            c.f();
            c.st();
            c.call(SEM, "textSplit", "(" + OBJ_D + OBJ_D + "[" + OBJ_D + OBJ_D + OBJ_D + ")" + OBJ_D);
            return;
        }
        c.pushString(fl.name());
        c.pushConst(d, FilterDefinition.class);
        mv.visitVarInsn(ALOAD, a.local);
        mv.visitVarInsn(ALOAD, out);
        mv.visitVarInsn(org.objectweb.asm.Opcodes.ILOAD, texts);
        c.f();
        c.st();
        c.call(SEM, "textFilter", "(" + OBJ_D + "Ljava/lang/String;" + Type.getDescriptor(FilterDefinition.class)
                + "[" + OBJ_D + OBJ_D + "I" + OBJ_D + OBJ_D + ")" + OBJ_D);
    }

    /** A filter applied to the value in a local (the escaping around a lenient variable). */
    static void filterOn(BytecodeCompiler c, Expr.Filter fl, int local) {
        FilterDefinition d = c.engine().definitions().filter(fl.name());
        filterWithInput(c, fl, d, () -> c.mv().visitVarInsn(ALOAD, local));
    }

    private static void unknown(BytecodeCompiler c, String kind, String n, int line) {
        c.pushString(kind);
        c.pushString(n);
        c.pushString(c.name());
        c.pushInt(line);
        c.call(SEM, "unknown", "(Ljava/lang/String;Ljava/lang/String;Ljava/lang/String;I)Ldev/zweig/"
                + "TemplateRuntimeException;");
        c.mv().visitInsn(ATHROW);
    }

    /**
     * Twig's DefaultFilter: "defined(x) ? default(x, d, ...) : d", so the default value is evaluated either way,
     * the rest with the call.
     */
    private static void defaultFilter(BytecodeCompiler c, Expr.Filter fl, FilterDefinition d) {
        MethodVisitor mv = c.mv();
        CallArguments.Binding b = CallArguments.bind("filter", d.name(), d.params(), d.isVariadic(), fl.args(),
                c.name(), fl.line());
        int v = c.local();
        int dv = c.local();
        c.lenient(fl.input());
        mv.visitVarInsn(ASTORE, v);
        if (d.params().isEmpty()) {
            c.pushString("");
        } else {
            param(c, d, b.params(), 0);
        }
        mv.visitVarInsn(ASTORE, dv);
        Label useDefault = new Label();
        Label done = new Label();
        mv.visitVarInsn(ALOAD, v);
        c.pushUndefined();
        Label defined = new Label();
        mv.visitJumpInsn(IF_ACMPNE, defined);
        mv.visitJumpInsn(GOTO, useDefault);
        mv.visitLabel(defined);
        for (Expr e : b.rest()) {
            c.expr(e);
            mv.visitInsn(POP);
        }
        mv.visitVarInsn(ALOAD, v);
        c.call(VALUES, "isEmpty", "(" + OBJ_D + ")Z");
        mv.visitJumpInsn(org.objectweb.asm.Opcodes.IFNE, useDefault);
        mv.visitVarInsn(ALOAD, v);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(useDefault);
        mv.visitVarInsn(ALOAD, dv);
        mv.visitLabel(done);
    }

    static void function(BytecodeCompiler c, Expr.Function fn) {
        Engine engine = c.engine();
        CallableDefinition d = engine.definitions().function(fn.name());
        if (d == null) {
            unknown(c, "function", fn.name(), fn.line());
            return;
        }
        dev.zweig.semantics.CompileRules.checkFunction(engine, fn, d, c.name());
        switch (fn.name()) {
            case "include", "include_only" -> {
                includeFunction(c, fn, true);
                return;
            }
            case "source" -> {
                CallArguments.Binding b = binding(c, d, fn.args(), "function", fn.line());
                c.pushConst(engine, Engine.class);
                param(c, d, b.params(), 0);
                param(c, d, b.params(), 1);
                evalRest(c, b.rest());
                c.st();
                c.pushString(c.name());
                c.pushInt(fn.line());
                c.call(SEM, "source", "(" + OBJ_D + OBJ_D + OBJ_D + OBJ_D + "Ljava/lang/String;I)" + OBJ_D);
                return;
            }
            case "template_from_string" -> {
                CallArguments.Binding b = binding(c, d, fn.args(), "function", fn.line());
                c.pushConst(engine, Engine.class);
                param(c, d, b.params(), 0);
                param(c, d, b.params(), 1);
                evalRest(c, b.rest());
                c.pushInt(c.isConsumedTemplate(fn) ? 1 : 0);
                c.call(SEM, "templateFromString", "(" + OBJ_D + OBJ_D + OBJ_D + "Z)" + OBJ_D);
                return;
            }
            default -> call(c, d, null, fn.args(), "function", fn.line(), false, c.isScratchCall(fn));
        }
    }

    private static CallArguments.Binding binding(BytecodeCompiler c, CallableDefinition d, List<Expr.Arg> args,
            String kind, int line) {
        return CallArguments.bind(kind, d.name(), d.params(), d.isVariadic(), args, c.name(), line);
    }

    /** Evaluates arguments only for their effects (those no parameter takes). */
    private static void evalRest(BytecodeCompiler c, List<Expr> rest) {
        for (Expr e : rest) {
            c.expr(e);
            c.mv().visitInsn(POP);
        }
    }

    static void test(BytecodeCompiler c, Expr.Test ts) {
        MethodVisitor mv = c.mv();
        Engine engine = c.engine();
        CallableDefinition d = engine.definitions().test(ts.name());
        if (d == null) {
            unknown(c, "test", ts.name(), ts.line());
            return;
        }
        if (ts.name().equals("empty") && ts.args().isEmpty() && engine.isCoreTest(d)
                && (ts.input() instanceof Expr.Parent || (ts.input() instanceof Expr.BlockRef br && !br.defined()))) {
            // renders into a capture and looks at its length
            int prev = c.local();
            int empty = c.local();
            c.st();
            c.call(SEM, "beginCapture", "(" + OBJ_D + ")Ldev/zweig/output/Output;");
            mv.visitVarInsn(ASTORE, prev);
            c.tryFin(() -> c.writeValue(ts.input(), null, ts.line(), false), () -> {
                c.st();
                mv.visitVarInsn(ALOAD, prev);
                c.call(SEM, "endCaptureEmpty", "(" + OBJ_D + "Ldev/zweig/output/Output;)Z");
                mv.visitVarInsn(org.objectweb.asm.Opcodes.ISTORE, empty);
            });
            mv.visitVarInsn(org.objectweb.asm.Opcodes.ILOAD, empty);
            c.box();
            return;
        }
        boolean core = engine.isCoreTest(d);
        String direct = core && ts.args().isEmpty() ? Semantics.valueTest(ts.name()) : null;
        if (direct != null) {
            // a core test of the value alone: a static call, not the generic call through an argument array
            c.expr(ts.input());
            c.pushString(c.name());
            c.pushInt(ts.line());
            c.call(SEM, direct, "(" + OBJ_D + "Ljava/lang/String;I)Z");
            c.box();
            return;
        }
        boolean dropRest = core && dev.zweig.semantics.CompileRules.COMPILED_TESTS.contains(ts.name());
        if (core && (ts.name().equals("null") || ts.name().equals("none"))) {
            Label no = new Label();
            Label done = new Label();
            c.expr(ts.input());
            mv.visitJumpInsn(org.objectweb.asm.Opcodes.IFNONNULL, no);
            mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "TRUE", "Ljava/lang/Boolean;");
            mv.visitJumpInsn(GOTO, done);
            mv.visitLabel(no);
            mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "FALSE", "Ljava/lang/Boolean;");
            mv.visitLabel(done);
            return;
        }
        if (core && (ts.name().equals("odd") || ts.name().equals("even"))) {
            Label done = new Label();
            int code = ts.args().isEmpty() ? EmitAttrs.loopNumber(ts.input()) : -1;
            if (code >= 0) {
                // loop.index is odd: the loop state's counter, never boxed (a loop state's, else the rule below)
                int parity = c.local();
                Label other = new Label();
                c.frameGetSlot(c.slotOf("loop"));
                c.pushInt(code);
                c.call(SEM, "loopParity", "(" + OBJ_D + "I)I");
                mv.visitVarInsn(org.objectweb.asm.Opcodes.ISTORE, parity);
                mv.visitVarInsn(org.objectweb.asm.Opcodes.ILOAD, parity);
                mv.visitJumpInsn(org.objectweb.asm.Opcodes.IFLT, other);
                mv.visitVarInsn(org.objectweb.asm.Opcodes.ILOAD, parity);
                parityAnswer(mv, ts.name().equals("odd"), done);
                mv.visitLabel(other);
            }
            // on an integer without a call
            int v = c.local();
            Label general = new Label();
            c.expr(ts.input());
            mv.visitVarInsn(ASTORE, v);
            mv.visitVarInsn(ALOAD, v);
            mv.visitTypeInsn(INSTANCEOF, "java/lang/Long");
            mv.visitJumpInsn(IFEQ, general);
            mv.visitVarInsn(ALOAD, v);
            mv.visitTypeInsn(CHECKCAST, "java/lang/Long");
            mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Long", "longValue", "()J", false);
            mv.visitLdcInsn(2L);
            mv.visitInsn(LREM);
            mv.visitInsn(org.objectweb.asm.Opcodes.LCONST_0);
            mv.visitInsn(LCMP);
            parityAnswer(mv, ts.name().equals("odd"), done);
            mv.visitLabel(general);
            call(c, d, () -> mv.visitVarInsn(ALOAD, v), ts.args(), "test", ts.line(), dropRest);
            c.call(VALUES, "isTrue", "(" + OBJ_D + ")Z");
            c.box();
            mv.visitLabel(done);
            return;
        }
        call(c, d, () -> c.expr(ts.input()), ts.args(), "test", ts.line(), dropRest);
        c.call(VALUES, "isTrue", "(" + OBJ_D + ")Z");
        c.box();
    }

    /** Pushes odd's (or even's) answer for the int on the stack (0: even) as a Boolean, then goes to done. */
    private static void parityAnswer(MethodVisitor mv, boolean odd, Label done) {
        Label yes = new Label();
        mv.visitJumpInsn(odd ? org.objectweb.asm.Opcodes.IFNE : IFEQ, yes);
        mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "FALSE", "Ljava/lang/Boolean;");
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "TRUE", "Ljava/lang/Boolean;");
        mv.visitJumpInsn(GOTO, done);
    }

    /**
     * Pushes the result of calling d: the arguments evaluated into the site's array (input first, then parameters
     * in order, then those no parameter takes, evaluated and dropped unless dropRest), then the call.
     */
    static void call(BytecodeCompiler c, CallableDefinition d, Runnable input, List<Expr.Arg> args, String kind,
            int line, boolean dropRest) {
        call(c, d, input, args, kind, line, dropRest, false);
    }

    /** intoScratch: a core call ScratchAnalysis proved never escapes (its collection may be render-private). */
    static void call(BytecodeCompiler c, CallableDefinition d, Runnable input, List<Expr.Arg> args, String kind,
            int line, boolean dropRest, boolean intoScratch) {
        call(c, d, input, args, kind, line, dropRest, intoScratch, (byte) 0);
    }

    /** inPlace: how the call may extend its input in place (see Semantics.CallSite#inPlace). */
    static void call(BytecodeCompiler c, CallableDefinition d, Runnable input, List<Expr.Arg> args, String kind,
            int line, boolean dropRest, boolean intoScratch, byte inPlace) {
        int mark = -1;
        if (inPlace != 0) {
            // where the scratch storage stood before the arguments (see Semantics#invokeInPlace)
            mark = c.longLocal();
            c.st();
            c.call(SEM, "arenaMark", "(" + OBJ_D + ")J");
            c.mv().visitVarInsn(org.objectweb.asm.Opcodes.LSTORE, mark);
        }
        Args a = arguments(c, d, input, args, kind, line, dropRest);
        c.pushConst(new Semantics.CallSite(d.body(), a.site, a.listSite, intoScratch, inPlace, c.name(), line),
                Semantics.CallSite.class);
        c.mv().visitVarInsn(ALOAD, a.local);
        c.f();
        c.st();
        if (inPlace != 0) {
            c.mv().visitVarInsn(org.objectweb.asm.Opcodes.LLOAD, mark);
            c.call(SEM, "invokeInPlace", "(" + CALL_SITE + "[" + OBJ_D + OBJ_D + OBJ_D + "J)" + OBJ_D);
            return;
        }
        c.call(SEM, "invoke", "(" + CALL_SITE + "[" + OBJ_D + OBJ_D + OBJ_D + ")" + OBJ_D);
    }

    /** A call's argument array: the local holding it, the site whose array it is, the site of its extra list. */
    private record Args(int local, int site, int listSite) {}

    /** Writes the argument array of a call into a new local and returns the local. */
    private static Args arguments(BytecodeCompiler c, CallableDefinition d, Runnable input, List<Expr.Arg> args,
            String kind, int line, boolean dropRest) {
        MethodVisitor mv = c.mv();
        Engine engine = c.engine();
        List<Param> params = d.params();
        int n = params.size();
        int off = input == null ? 0 : 1;
        int size = n + (d.isVariadic() ? 1 : 0) + off;
        int site = engine.isCore(d) ? engine.newSite() : -1;
        int listSite = -1;
        int a = c.local();
        if (args.stream().anyMatch(Expr.Arg::spread)) {
            // bound at run time: positional only (spread expands into positions)
            c.st();
            c.pushInt(site);
            c.pushInt(size);
            if (input == null) {
                mv.visitInsn(ACONST_NULL);
            } else {
                input.run();
            }
            c.pushInt(off);
            EmitAttrs.positional(c, args);
            Object[] defaults = new Object[n];
            for (int i = 0; i < n; i++) {
                defaults[i] = params.get(i).defaultValue();
            }
            c.pushConst(defaults, Object[].class);
            c.pushInt(d.isVariadic() ? 1 : 0);
            c.call(SEM, "spreadArguments", "(" + OBJ_D + "II" + OBJ_D + "I[" + OBJ_D + "[" + OBJ_D + "Z)["
                    + OBJ_D);
            mv.visitVarInsn(ASTORE, a);
            return new Args(a, site, -1);
        }
        CallArguments.Binding b = CallArguments.bind(kind, d.name(), params, d.isVariadic(), args, c.name(), line);
        c.st();
        c.pushInt(site);
        c.pushInt(size);
        c.call(SEM, "takeArgs", "(" + OBJ_D + "II)[" + OBJ_D);
        mv.visitVarInsn(ASTORE, a);
        if (input != null) {
            mv.visitVarInsn(ALOAD, a);
            c.pushInt(0);
            input.run();
            mv.visitInsn(AASTORE);
        }
        for (int i = 0; i < n; i++) {
            mv.visitVarInsn(ALOAD, a);
            c.pushInt(i + off);
            param(c, d, b.params(), i);
            mv.visitInsn(AASTORE);
        }
        if (d.isVariadic()) {
            mv.visitVarInsn(ALOAD, a);
            c.pushInt(n + off);
            if (b.extraNamed().isEmpty() && engine.isCore(d)) {
                // a core callable reads its extra arguments and keeps none: one list per call site
                listSite = engine.newSite();
                c.st();
                c.pushInt(listSite);
                c.pushInt(b.rest().size());
                c.call(SEM, "takeList", "(" + OBJ_D + "II)Ljava/util/List;");
                for (Expr e : b.rest()) {
                    mv.visitInsn(DUP);
                    c.expr(e);
                    mv.visitMethodInsn(INVOKEINTERFACE, "java/util/List", "add", "(" + OBJ_D + ")Z", true);
                    mv.visitInsn(POP);
                }
            } else {
                objects(c, b.rest());
                String[] names = b.extraNamed().stream().map(Expr.Arg::name).toArray(String[]::new);
                c.pushConst(names, String[].class);
                objects(c, b.extraNamed().stream().map(Expr.Arg::value).toList());
                c.call(SEM, "varargs", "([" + OBJ_D + "[Ljava/lang/String;[" + OBJ_D + ")" + OBJ_D);
            }
            mv.visitInsn(AASTORE);
        } else if (!dropRest) {
            evalRest(c, b.rest());
        }
        return new Args(a, site, listSite);
    }

    /** Pushes a new Object[] of the values of es. */
    static void objects(BytecodeCompiler c, List<Expr> es) {
        MethodVisitor mv = c.mv();
        c.pushInt(es.size());
        mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        for (int i = 0; i < es.size(); i++) {
            mv.visitInsn(DUP);
            c.pushInt(i);
            c.expr(es.get(i));
            mv.visitInsn(AASTORE);
        }
    }

    /** A printed filter with a streaming form: arguments into the site's array, the result into the output. */
    static void filterWriter(BytecodeCompiler c, Expr.Filter fl, FilterDefinition d, String strategy) {
        Args a = arguments(c, d, input(c, fl, d), fl.args(), "filter", fl.line(), false);
        c.pushConst(new Semantics.CallSite(d.body(), a.site, a.listSite, false, c.name(), fl.line()),
                Semantics.CallSite.class);
        c.pushConst(d, FilterDefinition.class);
        c.pushString(strategy);
        c.mv().visitVarInsn(ALOAD, a.local);
        c.f();
        c.st();
        c.call(SEM, "filterWrite", "(" + CALL_SITE + Type.getDescriptor(FilterDefinition.class)
                + "Ljava/lang/String;[" + OBJ_D + OBJ_D + OBJ_D + ")V");
    }

    /**
     * {@code matches}: a constant pattern compiled once (one matcher per site and render), else per call; the
     * integer 1 or 0, as PHP's preg_match.
     */
    static void matches(BytecodeCompiler c, Expr.Binary b) {
        int line = b.line();
        if (b.right() instanceof Expr.Literal lit && lit.value() instanceof String re) {
            c.pushConst(PhpRegex.compile(re, c.name(), line, true), java.util.regex.Pattern.class);
            c.pushInt(c.engine().newSite());
        } else {
            c.expr(b.right());
            c.call(VALUES, "toString", "(" + OBJ_D + ")Ljava/lang/String;");
            c.pushString(c.name());
            c.pushInt(line);
            c.pushInt(0);
            c.call(Type.getInternalName(PhpRegex.class), "compile", "(Ljava/lang/String;Ljava/lang/String;IZ)"
                    + "Ljava/util/regex/Pattern;");
            c.pushInt(-1);
        }
        c.expr(b.left());
        c.st();
        c.pushString(c.name());
        c.pushInt(line);
        c.call(Type.getInternalName(PhpRegex.class), "findIn", "(Ljava/util/regex/Pattern;I" + OBJ_D + "L"
                + STATE + ";Ljava/lang/String;I)Z");
        c.call(Type.getInternalName(PhpRegex.class), "matched", "(Z)Ljava/lang/Long;");
    }

    // ---- macros ---------------------------------------------------------------------------------------------

    /** Pushes the macro a call names, found in its holder (raising when there is none). */
    private static void findMacro(BytecodeCompiler c, Expr.MacroCall mc, boolean dynamicName) {
        c.pushString(c.name());
        if (mc.holder().equals("_self")) {
            c.pushConst(c.template(), CompiledTemplate.class);
        } else {
            c.frameGetSlot(c.importSlotOf(mc.holder()));
        }
        c.pushString(mc.holder());
        if (dynamicName) {
            c.expr(mc.nameExpr());
            c.call(VALUES, "toString", "(" + OBJ_D + ")Ljava/lang/String;");
        } else {
            c.pushString(mc.name());
        }
        c.f();
        c.st();
        c.pushInt(mc.line());
        c.call(SEM, "findMacro", "(Ljava/lang/String;" + OBJ_D + "Ljava/lang/String;Ljava/lang/String;L" + FRAME
                + ";" + OBJ_D + "I)" + MACRO);
    }

    /** A printed macro call: bound into the macro's frame, its body into the output; false when not this shape. */
    static boolean macroInPlace(BytecodeCompiler c, Expr.MacroCall mc) {
        List<Expr.Arg> args = dev.zweig.semantics.CompileRules.macroArgs(mc.args());
        if (dev.zweig.semantics.CompileRules.positionalAfterNamed(args)) {
            return false;
        }
        macroBound(c, mc, args, false);
        return true;
    }

    /**
     * A macro call whose arguments are bound straight into the macro's frame from an argument array of the call
     * depth (no spread, no positional after named): printed in place, or asValue its output as markup (pushed).
     */
    private static void macroBound(BytecodeCompiler c, Expr.MacroCall mc, List<Expr.Arg> args, boolean asValue) {
        MethodVisitor mv = c.mv();
        int m = c.local();
        int values = c.local();
        int result = asValue ? c.local() : -1;
        int n = args.size();
        findMacro(c, mc, mc.nameExpr() != null);
        mv.visitVarInsn(ASTORE, m);
        c.st();
        c.pushInt(n);
        c.call(SEM, "pushArgs", "(" + OBJ_D + "I)[" + OBJ_D);
        mv.visitVarInsn(ASTORE, values);
        c.tryFin(() -> {
            for (int i = 0; i < n; i++) {
                mv.visitVarInsn(ALOAD, values);
                c.pushInt(i);
                c.expr(args.get(i).value());
                mv.visitInsn(AASTORE);
            }
            c.pushString(c.name());
            mv.visitVarInsn(ALOAD, m);
            mv.visitVarInsn(ALOAD, values);
            c.pushInt(n);
            c.pushConst(args.stream().map(Expr.Arg::name).toArray(String[]::new), String[].class);
            c.st();
            c.pushInt(mc.line());
            if (asValue) {
                // read only as text by the core: its output in a render-private buffer (see ScratchAnalysis)
                c.call(SEM, c.isScratchText(mc) ? "macroText" : "macroValue", "(Ljava/lang/String;" + MACRO + "[" + OBJ_D + "I[Ljava/lang/String;"
                        + OBJ_D + "I)" + OBJ_D);
                mv.visitVarInsn(ASTORE, result);
            } else {
                c.call(SEM, "macroInPlace", "(Ljava/lang/String;" + MACRO + "[" + OBJ_D + "I[Ljava/lang/String;"
                        + OBJ_D + "I)V");
            }
        }, () -> {
            c.st();
            c.pushInt(n);
            c.call(SEM, "popArgs", "(" + OBJ_D + "I)V");
        });
        if (asValue) {
            mv.visitVarInsn(ALOAD, result);
        }
    }

    /** A macro call as a value: its output captured as markup. */
    static void macroCall(BytecodeCompiler c, Expr.MacroCall mc) {
        List<Expr.Arg> args = dev.zweig.semantics.CompileRules.macroArgs(mc.args());
        if (!dev.zweig.semantics.CompileRules.positionalAfterNamed(args) && args.stream().noneMatch(Expr.Arg::spread)) {
            macroBound(c, mc, args, true);
            return;
        }
        int m = c.local();
        findMacro(c, mc, mc.nameExpr() != null);
        c.mv().visitVarInsn(ASTORE, m);
        c.pushString(c.name());
        c.mv().visitVarInsn(ALOAD, m);
        objects(c, args.stream().map(Expr.Arg::value).toList());
        c.pushConst(args.stream().map(Expr.Arg::name).toArray(String[]::new), String[].class);
        boolean[] spread = new boolean[args.size()];
        for (int i = 0; i < spread.length; i++) {
            spread[i] = args.get(i).spread();
        }
        c.pushConst(spread, boolean[].class);
        c.pushInt(dev.zweig.semantics.CompileRules.positionalAfterNamed(args) ? 0 : 1);
        c.st();
        c.pushInt(mc.line());
        c.call(SEM, "macroCall", "(Ljava/lang/String;" + MACRO + "[" + OBJ_D + "[Ljava/lang/String;[ZZL" + STATE
                + ";I)" + OBJ_D);
    }

    // ---- includes, embeds, with, imports, blocks -------------------------------------------------------------

    /**
     * include() / include_only(): the five arguments (template, variables, with context, ignore missing,
     * sandboxed), then the render; asValue: captured as markup, else rendered in place (pushes its Boolean).
     */
    static void includeFunction(BytecodeCompiler c, Expr.Function fn, boolean asValue) {
        MethodVisitor mv = c.mv();
        CallableDefinition d = c.engine().definitions().function(fn.name());
        CallArguments.Binding b = binding(c, d, fn.args(), "function", fn.line());
        int[] order = fn.name().equals("include_only") ? new int[] {0, 1, -1, 2, -1} : new int[] {0, 1, 2, 3, 4};
        int[] vals = new int[5];
        for (int i = 0; i < 5; i++) {
            vals[i] = c.local();
            if (order[i] < 0) {
                c.literal(Boolean.FALSE); // include_only(): no context, not sandboxed
            } else {
                param(c, d, b.params(), order[i]);
            }
            mv.visitVarInsn(ASTORE, vals[i]);
        }
        evalRest(c, b.rest());
        Runnable render = () -> {
            c.pushConst(c.template(), CompiledTemplate.class);
            for (int v : vals) {
                mv.visitVarInsn(ALOAD, v);
            }
            c.f();
            c.st();
            c.pushInt(fn.line());
            c.call(SEM, "include", "(" + OBJ_D + OBJ_D + OBJ_D + OBJ_D + OBJ_D + OBJ_D + OBJ_D + OBJ_D + "I)Z");
        };
        if (!asValue) {
            render.run();
            c.box();
            return;
        }
        int prev = c.local();
        int rendered = c.local();
        int r = c.local();
        c.st();
        c.call(SEM, "beginCapture", "(" + OBJ_D + ")Ldev/zweig/output/Output;");
        mv.visitVarInsn(ASTORE, prev);
        c.tryFin(() -> {
            render.run();
            mv.visitVarInsn(org.objectweb.asm.Opcodes.ISTORE, rendered);
        }, () -> {
            c.st();
            mv.visitVarInsn(ALOAD, prev);
            c.call(SEM, "endCapture", "(" + OBJ_D + "Ldev/zweig/output/Output;)Ljava/lang/String;");
            mv.visitVarInsn(ASTORE, r);
        });
        mv.visitVarInsn(org.objectweb.asm.Opcodes.ILOAD, rendered);
        mv.visitVarInsn(ALOAD, r);
        c.call(SEM, "included", "(ZLjava/lang/String;)" + OBJ_D);
    }

    /**
     * Resolves a template value (on the stack) from this template: engine.resolveTemplate (a render-private text
     * as a String of the render's key cache).
     */
    private static void resolve(BytecodeCompiler c, int line, boolean ignore) {
        c.pushConst(c.engine(), Engine.class);
        c.mv().visitInsn(org.objectweb.asm.Opcodes.SWAP);
        c.st();
        c.pushString(c.name());
        c.pushInt(line);
        c.pushInt(ignore ? 1 : 0);
        c.call(SEM, "resolveTemplate", "(" + OBJ_D + OBJ_D + OBJ_D + "Ljava/lang/String;IZ)" + OBJ_D);
    }

    /** Pushes the child frame for an include, an embed or with: Semantics.childFrame(t, f, st, vars, only...). */
    private static void childFrame(BytecodeCompiler c, Expr vars, boolean only, String what, int line) {
        childFrame(c, vars, -1, only, what, line);
    }

    /** The same, for an include of the template in local target: its variables through Semantics.ownTexts. */
    private static void childFrame(BytecodeCompiler c, Expr vars, int target, boolean only, String what, int line) {
        c.pushConst(c.template(), CompiledTemplate.class);
        c.f();
        c.st();
        if (vars == null) {
            c.mv().visitInsn(ACONST_NULL);
        } else {
            c.expr(vars);
            if (target >= 0) {
                c.mv().visitVarInsn(ALOAD, target);
                c.st();
                c.call(SEM, "ownTexts", "(" + OBJ_D + OBJ_D + OBJ_D + ")" + OBJ_D);
            }
        }
        c.pushInt(only ? 1 : 0);
        c.pushString(what);
        c.pushInt(line);
        c.call(SEM, "childFrame", "(" + OBJ_D + OBJ_D + OBJ_D + OBJ_D + "ZLjava/lang/String;I)L"
                + FRAME + ";");
    }

    static void include(BytecodeCompiler c, Stmt.Include inc) {
        MethodVisitor mv = c.mv();
        int line = inc.line();
        c.markLine(line);
        int target = c.local();
        int child = c.local();
        Label end = new Label();
        mv.visitInsn(ACONST_NULL);
        mv.visitVarInsn(ASTORE, child);
        c.wrap(line, () -> {
            Label none = new Label();
            c.expr(inc.template());
            resolve(c, line, inc.ignoreMissing());
            mv.visitInsn(DUP);
            mv.visitVarInsn(ASTORE, target);
            mv.visitJumpInsn(IFNULL, none);
            childFrame(c, inc.variables(), target, inc.only(), "include\" function or tag", line);
            mv.visitVarInsn(ASTORE, child);
            mv.visitLabel(none);
        });
        mv.visitVarInsn(ALOAD, target);
        mv.visitJumpInsn(IFNULL, end);
        c.tryFin(() -> {
            c.pushConst(c.template(), CompiledTemplate.class);
            mv.visitVarInsn(ALOAD, target);
            mv.visitVarInsn(ALOAD, child);
            c.st();
            c.pushInt(line);
            c.call(SEM, "renderIncluded", "(" + OBJ_D + OBJ_D + OBJ_D + OBJ_D + "I)V");
        }, () -> popFrame(c));
        mv.visitLabel(end);
    }

    private static void popFrame(BytecodeCompiler c) {
        c.st();
        c.call(SEM, "popFrame", "(" + OBJ_D + ")V");
    }

    static void embed(BytecodeCompiler c, Stmt.Embed em) {
        MethodVisitor mv = c.mv();
        int line = em.line();
        c.markLine(line);
        int child = c.local();
        c.wrap(line, () -> {
            childFrame(c, em.variables(), em.only(), "embed\" tag", line);
            mv.visitVarInsn(ASTORE, child);
        });
        c.tryFin(() -> {
            c.pushConst(c.template(), CompiledTemplate.class);
            c.pushInt(em.index());
            mv.visitVarInsn(ALOAD, child);
            c.st();
            c.pushInt(em.ignoreMissing() ? 1 : 0);
            c.pushInt(line);
            c.call(SEM, "embed", "(" + OBJ_D + "I" + OBJ_D + OBJ_D + "ZI)V");
        }, () -> popFrame(c));
    }

    static void importStmt(BytecodeCompiler c, Stmt.Import imp) {
        int slot = c.importSlotOf(imp.alias());
        c.markLine(imp.line());
        if (imp.template() instanceof Expr.Name n && n.name().equals("_self")) {
            c.pushConst(c.template(), CompiledTemplate.class);
            c.frameSetSlot(slot);
            return;
        }
        c.wrap(imp.line(), () -> {
            c.expr(imp.template());
            resolve(c, imp.line(), false);
            c.frameSetSlot(slot);
        });
    }

    /** with: its body as a method of its own, run in the child frame. */
    static void with(BytecodeCompiler c, Stmt.With w) {
        MethodVisitor mv = c.mv();
        int line = w.line();
        c.markLine(line);
        String body = c.method("with", w.body());
        int child = c.local();
        c.wrap(line, () -> {
            c.pushConst(c.template(), CompiledTemplate.class);
            c.f();
            c.st();
            if (w.variables() == null) {
                mv.visitInsn(ACONST_NULL);
            } else {
                c.expr(w.variables());
            }
            c.pushInt(w.variables() != null ? 1 : 0);
            c.pushInt(w.only() ? 1 : 0);
            c.pushInt(line);
            c.call(SEM, "withFrame", "(" + OBJ_D + OBJ_D + OBJ_D + OBJ_D + "ZZI)" + OBJ_D);
            mv.visitVarInsn(ASTORE, child);
        });
        c.tryFin(() -> {
            mv.visitVarInsn(ALOAD, child);
            c.st();
            mv.visitMethodInsn(INVOKESTATIC, c.gen().internalName, body, ClassGen.BODY_DESC, false);
        }, () -> popFrame(c));
    }

    /** block('name') or block('name', 'template') rendered in place. */
    static void blockRef(BytecodeCompiler c, Expr.BlockRef br) {
        MethodVisitor mv = c.mv();
        int line = br.line();
        int bn = c.local();
        int target = c.local();
        mv.visitInsn(ACONST_NULL);
        mv.visitVarInsn(ASTORE, target);
        c.wrap(line, () -> {
            // a computed name may be render-private text: matched to a block's name, its buffer given back
            int top = c.saveTextTop();
            c.expr(br.name());
            c.pushConst(c.template(), CompiledTemplate.class);
            c.call(SEM, "blockName", "(" + OBJ_D + OBJ_D + ")Ljava/lang/String;");
            mv.visitVarInsn(ASTORE, bn);
            c.st();
            mv.visitVarInsn(org.objectweb.asm.Opcodes.ILOAD, top);
            c.call(SEM, "setTextTop", "(" + OBJ_D + "I)V");
            if (br.template() != null) {
                c.expr(br.template());
                resolve(c, line, false);
                mv.visitVarInsn(ASTORE, target);
            }
        });
        c.pushConst(c.template(), CompiledTemplate.class);
        mv.visitVarInsn(ALOAD, bn);
        mv.visitVarInsn(ALOAD, target);
        c.f();
        c.st();
        c.pushInt(line);
        c.call(SEM, "blockRef", "(" + OBJ_D + "Ljava/lang/String;" + OBJ_D + OBJ_D + OBJ_D + "I)V");
    }

    /** block('name') is defined (or with a template). */
    static void blockDefined(BytecodeCompiler c, Expr.BlockRef br) {
        c.pushConst(c.template(), CompiledTemplate.class);
        c.expr(br.name());
        c.pushConst(c.template(), CompiledTemplate.class);
        c.call(SEM, "blockName", "(" + OBJ_D + OBJ_D + ")Ljava/lang/String;");
        if (br.template() != null) {
            c.expr(br.template());
            resolve(c, br.line(), false);
        } else {
            c.mv().visitInsn(ACONST_NULL);
        }
        c.f();
        c.st();
        c.call(SEM, "blockDefined", "(" + OBJ_D + "Ljava/lang/String;" + OBJ_D + OBJ_D + OBJ_D + ")"
                + OBJ_D);
    }
}
