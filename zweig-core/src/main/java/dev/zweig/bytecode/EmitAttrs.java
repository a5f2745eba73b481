package dev.zweig.bytecode;

import dev.zweig.php.Values;
import dev.zweig.engine.Engine;
import dev.zweig.runtime.CompiledTemplate;
import dev.zweig.runtime.LoopState;
import dev.zweig.semantics.Access;
import dev.zweig.semantics.CompileRules;
import dev.zweig.semantics.Semantics;
import static org.objectweb.asm.Opcodes.AASTORE;
import static org.objectweb.asm.Opcodes.ACONST_NULL;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ANEWARRAY;
import static org.objectweb.asm.Opcodes.ARRAYLENGTH;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.GETSTATIC;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.IFNONNULL;
import static org.objectweb.asm.Opcodes.IFNULL;
import static org.objectweb.asm.Opcodes.IF_ACMPEQ;

import dev.zweig.ast.Expr;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/** Attribute reads ({@code a.b}, {@code a[b]}, {@code a.m(x)}) and {@code is defined}, as JVM code. */
final class EmitAttrs {
    private static final String SEM = Type.getInternalName(Semantics.class);
    private static final String OBJ_D = "Ljava/lang/Object;";

    private static final org.objectweb.asm.Handle ATTR_SITE = new org.objectweb.asm.Handle(
            org.objectweb.asm.Opcodes.H_INVOKESTATIC, Type.getInternalName(TemplateClass.class), "attrSite",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;I)"
                    + "Ljava/lang/invoke/CallSite;", false);

    private EmitAttrs() {
    }

    /** Pushes a.b (see ClosureCompiler#getAttr): root says whether the chain ends here (a null-safe stop reads null). */
    static void getAttr(BytecodeCompiler c, Expr.GetAttr g, boolean lenient, boolean root) {
        MethodVisitor mv = c.mv();
        // loop.index, loop.last...: read the loop state by code, no lookup
        if (!lenient && g.object() instanceof Expr.Name n && n.name().equals("loop") && g.args() == null
                && g.attribute() instanceof Expr.Literal l && l.value() instanceof String attr
                && LoopState.code(attr) >= 0) {
            int code = LoopState.code(attr);
            Label generic = new Label();
            Label done = new Label();
            c.frameGetSlot(c.slotOf("loop"));
            c.pushInt(code);
            c.pushInt(code == LoopState.PARENT && !root ? 1 : 0); // loop.parent.x: x in the loop's scope copy
            c.st();
            c.call(SEM, "loopAttr", "(" + OBJ_D + "IZ" + OBJ_D + ")" + OBJ_D);
            mv.visitInsn(DUP);
            mv.visitFieldInsn(GETSTATIC, c.gen().internalName, "NOT_LOOP", OBJ_D);
            mv.visitJumpInsn(org.objectweb.asm.Opcodes.IF_ACMPNE, done);
            mv.visitInsn(org.objectweb.asm.Opcodes.POP);
            mv.visitLabel(generic);
            plain(c, g, lenient, root);
            mv.visitLabel(done);
            return;
        }
        plain(c, g, lenient, root);
    }

    /** The LoopState code of e when it is loop.x, x a number attribute (index, revindex, length...); else -1. */
    static int loopNumber(Expr e) {
        if (e instanceof Expr.GetAttr g && g.object() instanceof Expr.Name n && n.name().equals("loop")
                && g.args() == null && g.attribute() instanceof Expr.Literal l && l.value() instanceof String attr) {
            int code = LoopState.code(attr);
            return code != LoopState.PARENT ? code : -1; // first and last: no number (loopParity says so)
        }
        return -1;
    }

    /**
     * Prints {@code obj.name} (a constant name, no arguments, not read from a scope copy) through a printing site
     * (see AttrCallSite): a getter of a number is written unboxed, anything else as the print would write it.
     * Returns false, writing nothing, for any other attribute read. strategy: null (raw) or "html".
     */
    static boolean printAttr(BytecodeCompiler c, Expr.GetAttr g, String strategy) {
        if (g.object() instanceof Expr.Name n && n.name().equals("loop") && g.args() == null
                && g.attribute() instanceof Expr.Literal l && l.value() instanceof String attr
                && LoopState.code(attr) >= 0 && LoopState.code(attr) != LoopState.PARENT) {
            // loop.index...: the loop state writes its number (digits need no escaping); else the general path
            MethodVisitor mv = c.mv();
            Label done = new Label();
            c.frameGetSlot(c.slotOf("loop"));
            c.pushInt(LoopState.code(attr));
            c.st();
            c.call(SEM, "loopPrint", "(" + OBJ_D + "I" + OBJ_D + ")Z");
            mv.visitJumpInsn(org.objectweb.asm.Opcodes.IFNE, done);
            getAttr(c, g, false, true);
            c.printValue(strategy);
            mv.visitLabel(done);
            return true;
        }
        if (!(g.attribute() instanceof Expr.Literal l && l.value() instanceof String) || g.args() != null
                || readsScopeCopy(g)) {
            return false;
        }
        plain(c, g, false, true, strategy == null ? "" : strategy);
        return true;
    }

    private static void plain(BytecodeCompiler c, Expr.GetAttr g, boolean lenient, boolean root) {
        plain(c, g, lenient, root, null);
    }

    /** print: null to push the value, else the strategy ("" raw, "html") to print it with (printAttr). */
    private static void plain(BytecodeCompiler c, Expr.GetAttr g, boolean lenient, boolean root, String print) {
        MethodVisitor mv = c.mv();
        if (g.object() instanceof Expr.GetAttr inner) {
            getAttr(c, inner, lenient, false);
        } else if (g.object() instanceof Expr.Name n && n.name().equals("_parent")) {
            c.variable(c.slotOf("_parent"), "_parent", n.line(), lenient); // _parent.x: read in place
        } else if (g.object() instanceof Expr.Name n && n.name().equals("_context")) {
            c.loadF(); // _context.x, _context[name]: read in the scope itself (Semantics#attr)
        } else if (lenient) {
            c.lenient(g.object());
        } else {
            c.expr(g.object());
        }
        int o = c.local();
        int result = c.local();
        mv.visitVarInsn(ASTORE, o);
        Label done = new Label();
        Label read = new Label();
        mv.visitVarInsn(ALOAD, o);
        mv.visitVarInsn(ASTORE, result);
        mv.visitVarInsn(ALOAD, o);
        c.pushNullSafeStop();
        mv.visitJumpInsn(IF_ACMPEQ, done);
        mv.visitVarInsn(ALOAD, o);
        c.pushUndefined();
        mv.visitJumpInsn(IF_ACMPEQ, done);
        if (g.nullSafe()) {
            mv.visitVarInsn(ALOAD, o);
            mv.visitJumpInsn(IFNONNULL, read);
            c.pushNullSafeStop();
            mv.visitVarInsn(ASTORE, result);
            mv.visitJumpInsn(GOTO, done);
        }
        mv.visitLabel(read);
        mv.visitVarInsn(ALOAD, o);
        Object constAttr = g.attribute() instanceof Expr.Literal l ? l.value() : null;
        if (constAttr != null) {
            c.literal(constAttr);
        } else {
            key(c, g);
        }
        boolean scopeCopy = readsScopeCopy(g);
        int argsLocal = -1;
        int argsSite = -1;
        Object[] constantArgs = g.args() == null ? null : CompileRules.constantMethodArgs(g.args());
        if (g.args() == null) {
            mv.visitInsn(ACONST_NULL);
        } else if (constantArgs != null) {
            c.pushConst(constantArgs, Object[].class);
        } else if (!scopeCopy && g.args().stream().allMatch(x -> x.name() == null && !x.spread())) {
            // a method's arguments in the site's reusable array: the method receives the values, never the
            // array (Attributes.call spreads it), so no array per call (see ClosureAttrs)
            argsSite = c.engine().newSite();
            argsLocal = c.local();
            c.st();
            c.pushInt(argsSite);
            c.pushInt(g.args().size());
            c.call(SEM, "takeArgs", "(" + OBJ_D + "II)[" + OBJ_D);
            for (int i = 0; i < g.args().size(); i++) {
                mv.visitInsn(DUP);
                c.pushInt(i);
                c.expr(g.args().get(i).value());
                mv.visitInsn(AASTORE);
            }
            mv.visitInsn(DUP);
            mv.visitVarInsn(ASTORE, argsLocal);
        } else if (!scopeCopy && g.args().stream().allMatch(x -> x.name() == null)) {
            // spread arguments (attribute(o, 'm', args)) read into the site's reusable array (see spreadArgs)
            argsSite = c.engine().newSite();
            int valuesSite = c.engine().newSite();
            argsLocal = c.local();
            c.st();
            c.pushInt(valuesSite);
            c.pushInt(g.args().size());
            c.call(SEM, "takeArgs", "(" + OBJ_D + "II)[" + OBJ_D);
            boolean[] spread = new boolean[g.args().size()];
            for (int i = 0; i < g.args().size(); i++) {
                spread[i] = g.args().get(i).spread();
                mv.visitInsn(DUP);
                c.pushInt(i);
                c.expr(g.args().get(i).value());
                mv.visitInsn(AASTORE);
            }
            c.pushConst(spread, boolean[].class);
            c.st();
            c.pushInt(valuesSite);
            c.pushInt(argsSite);
            c.call(SEM, "spreadArgs", "([" + OBJ_D + "[Z" + OBJ_D + "II)[" + OBJ_D);
            mv.visitInsn(DUP);
            mv.visitVarInsn(ASTORE, argsLocal);
        } else {
            positional(c, g.args());
        }
        Semantics.AttrSite site = new Semantics.AttrSite(g.type(), lenient, c.strict(), c.name(), g.line(),
                new Access.Site(g.args()), scopeCopy);
        if (constAttr instanceof String name && g.args() == null && !scopeCopy) {
            // obj.name: an invokedynamic site, an inline cache of the member per class (see AttrCallSite)
            mv.visitInsn(org.objectweb.asm.Opcodes.POP2); // the attribute and the (absent) arguments
            c.st();
            if (print != null) {
                // read and printed by the site; what never reached it (undefined, a null-safe stop) below
                mv.visitInvokeDynamicInsn("printAttr", "(" + OBJ_D + OBJ_D + ")V", ATTR_SITE,
                        c.gen().constantIndex(new Object[] {name, site, print}));
                Label end = new Label();
                mv.visitJumpInsn(GOTO, end);
                mv.visitLabel(done);
                mv.visitVarInsn(ALOAD, result);
                c.pushInt(0);
                c.call(SEM, "attrResult", "(" + OBJ_D + "Z)" + OBJ_D);
                c.printValue(print.isEmpty() ? null : print);
                mv.visitLabel(end);
                return;
            }
            mv.visitInvokeDynamicInsn("attr", "(" + OBJ_D + OBJ_D + ")" + OBJ_D, ATTR_SITE,
                    c.gen().constantIndex(new Object[] {name, site}));
        } else {
            c.pushConst(site, Semantics.AttrSite.class);
            c.st();
            c.call(SEM, "attr", "(" + OBJ_D + OBJ_D + "[" + OBJ_D + OBJ_D + OBJ_D + ")" + OBJ_D);
            if (argsLocal >= 0) {
                c.st();
                c.pushInt(argsSite);
                mv.visitVarInsn(ALOAD, argsLocal);
                c.call(SEM, "giveArgs", "(" + OBJ_D + "I[" + OBJ_D + ")V");
            }
        }
        mv.visitVarInsn(ASTORE, result);
        mv.visitLabel(done);
        mv.visitVarInsn(ALOAD, result);
        if (root) {
            c.pushInt(scopeCopy ? 1 : 0);
            c.call(SEM, "attrResult", "(" + OBJ_D + "Z)" + OBJ_D);
        }
    }

    /**
     * Pushes the attribute of g computed at run time as Semantics.attrKey gives it: a key built as render-private
     * text becomes a String, and the text it took is free again at once.
     */
    private static void key(BytecodeCompiler c, Expr.GetAttr g) {
        int top = c.saveTextTop();
        c.expr(g.attribute());
        c.st();
        c.mv().visitVarInsn(org.objectweb.asm.Opcodes.ILOAD, top);
        c.call(SEM, "attrKey", "(" + OBJ_D + OBJ_D + "I)" + OBJ_D);
    }

    /** Whether a chain starts at loop, _parent or _context (see ClosureAttrs#readsScopeCopy). */
    private static boolean readsScopeCopy(Expr.GetAttr g) {
        Expr base = g;
        while (base instanceof Expr.GetAttr inner) {
            base = inner.object();
        }
        return base instanceof Expr.Name n && (n.name().equals("loop") || n.name().equals("_parent")
                || n.name().equals("_context"));
    }

    /** Pushes call arguments as written as an Object[] (spreads expanded). */
    static void positional(BytecodeCompiler c, List<Expr.Arg> args) {
        MethodVisitor mv = c.mv();
        boolean simple = args.stream().allMatch(a -> a.name() == null && !a.spread());
        c.pushInt(args.size());
        mv.visitTypeInsn(ANEWARRAY, "java/lang/Object");
        for (int i = 0; i < args.size(); i++) {
            mv.visitInsn(DUP);
            c.pushInt(i);
            c.expr(args.get(i).value());
            mv.visitInsn(AASTORE);
        }
        if (!simple) {
            boolean[] spread = new boolean[args.size()];
            for (int i = 0; i < spread.length; i++) {
                spread[i] = args.get(i).spread();
            }
            c.pushConst(spread, boolean[].class);
            c.call(SEM, "positional", "([" + OBJ_D + "[Z)[" + OBJ_D);
        }
    }

    /** Pushes the Boolean of {@code x is defined} (see ClosureCompiler#defined). */
    static void defined(BytecodeCompiler c, Expr.Defined d) {
        MethodVisitor mv = c.mv();
        Expr target = d.target();
        Engine engine = c.engine();
        if (target instanceof Expr.Name n) {
            switch (n.name()) {
                case "_self", "_context", "_charset" -> mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "TRUE",
                        "Ljava/lang/Boolean;");
                default -> {
                    c.f();
                    c.pushInt(c.slotOf(n.name()));
                    c.call(SEM, "defined", "(" + OBJ_D + "I)Z");
                    c.box();
                }
            }
            return;
        }
        if (target instanceof Expr.MacroCall mc) {
            if (mc.holder().equals("_self")) {
                c.pushConst(c.template(), CompiledTemplate.class);
            } else {
                c.frameGetSlot(c.importSlotOf(mc.holder()));
            }
            if (mc.nameExpr() == null) {
                c.pushString(mc.name());
            } else {
                c.expr(mc.nameExpr());
                c.call(Type.getInternalName(Values.class), "toString", "(" + OBJ_D + ")Ljava/lang/String;");
            }
            c.f();
            c.st();
            c.call(SEM, "macroDefined", "(" + OBJ_D + "Ljava/lang/String;" + OBJ_D + OBJ_D + ")Z");
            c.box();
            return;
        }
        if (target instanceof Expr.Literal) {
            mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "TRUE", "Ljava/lang/Boolean;");
            return;
        }
        if (target instanceof Expr.GetAttr g) {
            definedAttr(c, g);
            return;
        }
        if (target instanceof Expr.Function fn && fn.name().equals("constant")
                && engine.isCoreFunction(engine.definitions().function("constant"))) {
            c.pushConst(engine.environment(), Object.class);
            Expr[] params = EmitCalls.bindExprs(c, engine.definitions().function("constant"), fn.args(), "function",
                    fn.line());
            EmitCalls.param(c, engine.definitions().function("constant"), params, 0);
            EmitCalls.param(c, engine.definitions().function("constant"), params, 1);
            c.call(SEM, "constantIsDefined", "(" + OBJ_D + OBJ_D + OBJ_D + ")Z");
            c.box();
            return;
        }
        // the parser admits nothing else under "defined"; what is left (a block reference) has its own test
        c.lenient(target);
        c.pushUndefined();
        Label yes = new Label();
        Label done = new Label();
        mv.visitJumpInsn(org.objectweb.asm.Opcodes.IF_ACMPNE, yes);
        mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "FALSE", "Ljava/lang/Boolean;");
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(yes);
        mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "TRUE", "Ljava/lang/Boolean;");
        mv.visitLabel(done);
    }

    /** a.b.c is defined: the chain read leniently, the last member only looked up (see ClosureCompiler#definedAttr). */
    private static void definedAttr(BytecodeCompiler c, Expr.GetAttr g) {
        MethodVisitor mv = c.mv();
        if (g.object() instanceof Expr.Name n && n.name().equals("_context") && g.args() == null
                && g.type() != Expr.AccessType.METHOD) {
            c.loadF(); // whether the scope has the variable, no snapshot of it (see ClosureAttrs#definedAttr)
            key(c, g);
            c.st();
            c.call(SEM, "contextHas", "(" + OBJ_D + OBJ_D + OBJ_D + ")Z");
            c.box();
            return;
        }
        if (g.object() instanceof Expr.GetAttr inner) {
            getAttr(c, inner, true, false);
        } else {
            c.lenient(g.object());
        }
        int o = c.local();
        mv.visitVarInsn(ASTORE, o);
        Label no = new Label();
        Label done = new Label();
        mv.visitVarInsn(ALOAD, o);
        c.pushUndefined();
        mv.visitJumpInsn(IF_ACMPEQ, no);
        mv.visitVarInsn(ALOAD, o);
        c.pushNullSafeStop();
        mv.visitJumpInsn(IF_ACMPEQ, no);
        if (g.nullSafe()) {
            mv.visitVarInsn(ALOAD, o);
            mv.visitJumpInsn(IFNULL, no);
        }
        mv.visitVarInsn(ALOAD, o);
        key(c, g);
        if (g.args() == null) {
            c.pushInt(0);
        } else {
            positional(c, g.args());
            mv.visitInsn(ARRAYLENGTH);
        }
        c.pushConst(g.type(), Expr.AccessType.class);
        c.st();
        c.call(Type.getInternalName(Access.class), "has", "(" + OBJ_D + OBJ_D + "I"
                + OBJ_D + OBJ_D + ")Z");
        c.box();
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(no);
        mv.visitFieldInsn(GETSTATIC, "java/lang/Boolean", "FALSE", "Ljava/lang/Boolean;");
        mv.visitLabel(done);
    }
}
