package dev.zweig.bytecode;

import dev.zweig.engine.Engine;
import dev.zweig.semantics.Semantics;
import static org.objectweb.asm.Opcodes.ACONST_NULL;
import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.CHECKCAST;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.GOTO;
import static org.objectweb.asm.Opcodes.I2L;
import static org.objectweb.asm.Opcodes.IFEQ;
import static org.objectweb.asm.Opcodes.IFNULL;
import static org.objectweb.asm.Opcodes.IF_ICMPGE;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INVOKEVIRTUAL;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.LADD;
import static org.objectweb.asm.Opcodes.LCMP;
import static org.objectweb.asm.Opcodes.LCONST_0;
import static org.objectweb.asm.Opcodes.LCONST_1;
import static org.objectweb.asm.Opcodes.LLOAD;
import static org.objectweb.asm.Opcodes.LSTORE;
import static org.objectweb.asm.Opcodes.LSUB;

import dev.zweig.ast.Expr;
import dev.zweig.ast.Stmt;
import java.util.Set;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The for loop as JVM code: the sequence normalised once (a PhpArray, a random-access list, or an integer range
 * counted without a list), then a counted JVM loop over positions with the body inline, Twig's loop variable and
 * scoping rules kept (see ClosureCompiler#forStmt, the reference).
 */
final class EmitLoops {
    private static final String SEM = Type.getInternalName(Semantics.class);
    private static final String OBJ_D = "Ljava/lang/Object;";

    private EmitLoops() {
    }

    static void forStmt(BytecodeCompiler c, Stmt.For fo) {
        MethodVisitor mv = c.mv();
        Engine engine = c.engine();
        int line = fo.line();
        c.markLine(line);
        Expr[] bounds = null;
        if (fo.seq() instanceof Expr.Function fn && fn.name().equals("range") && fn.args().size() == 2
                && fn.args().stream().allMatch(a -> a.name() == null && !a.spread())
                && engine.isCoreFunction(engine.definitions().function("range"))) {
            bounds = new Expr[] {fn.args().get(0).value(), fn.args().get(1).value()};
        }
        // Twig's loop keeps _key when it names no key variable (a stand-in set once: see LoopState.Part)
        int keySlot = c.slotOf(fo.keyVar() == null ? "_key" : fo.keyVar());
        int loopSlot = fo.usesLoop() ? c.slotOf("loop") : -1;
        int valueSlot = c.slotOf(fo.valueVar());
        int parentSlot = c.slotOf("_parent");
        int seqSlot = c.slotOf("_seq");
        int iteratedSlot = fo.otherwise() == null ? -1 : c.slotOf("_iterated");
        // loop is among the names unset at the end even when the body never reads it: Twig sets and unsets it
        // always, so a context's own loop comes back at the end of the listing (array_intersect_key + $_parent)
        int[] used = Semantics.loopNames(seqSlot, keySlot, valueSlot, parentSlot, iteratedSlot, c.slotOf("loop"));
        Set<String> assigned = BytecodeCompiler.assignedNames(fo.body());
        assigned.remove(fo.valueVar());
        if (fo.keyVar() != null) {
            assigned.remove(fo.keyVar());
        }
        assigned.remove("loop");
        int[] created = assigned.stream().mapToInt(c::slotOf).toArray();

        // Twig's _parent: the scope as it was when the loop started (a pooled copy; exported only when read)
        int parentScope = c.local();
        c.st();
        c.f();
        c.call(SEM, "pushCopy", "(" + OBJ_D + OBJ_D + ")" + OBJ_D);
        mv.visitVarInsn(ASTORE, parentScope);
        Expr[] b = bounds;
        c.tryFin(() -> {
            mv.visitVarInsn(ALOAD, parentScope);
            c.frameSetSlot(parentSlot);
            loop(c, fo, b, keySlot, valueSlot, loopSlot, seqSlot, iteratedSlot, created, parentScope);
        }, () -> {
            c.f();
            mv.visitVarInsn(ALOAD, parentScope);
            c.pushConst(used, int[].class);
            c.call(SEM, "endLoop", "(" + OBJ_D + OBJ_D + "[I)V");
            c.st();
            c.call(SEM, "popFrame", "(" + OBJ_D + ")V");
        });
    }

    private static void loop(BytecodeCompiler c, Stmt.For fo, Expr[] bounds, int keySlot, int valueSlot,
            int loopSlot, int seqSlot, int iteratedSlot, int[] created, int parentScope) {
        MethodVisitor mv = c.mv();
        int line = fo.line();
        int src = c.local();
        int raw = c.local();
        mv.visitInsn(ACONST_NULL);
        mv.visitVarInsn(ASTORE, raw);
        int from = c.longLocal();
        int step = c.longLocal();
        int count = c.longLocal();
        int temps = c.local();
        mv.visitInsn(ACONST_NULL);
        mv.visitVarInsn(ASTORE, src);
        mv.visitInsn(LCONST_0);
        mv.visitVarInsn(LSTORE, from);
        mv.visitInsn(LCONST_0);
        mv.visitVarInsn(LSTORE, step);
        mv.visitInsn(LCONST_0);
        mv.visitVarInsn(LSTORE, count);
        c.st();
        c.call(SEM, "tempTop", "(" + OBJ_D + ")I");
        mv.visitVarInsn(ISTORE, temps);
        c.wrap(line, () -> {
            Label general = new Label();
            Label done = new Label();
            if (bounds != null) {
                int a = c.local();
                int z = c.local();
                c.expr(bounds[0]);
                mv.visitVarInsn(ASTORE, a);
                c.expr(bounds[1]);
                mv.visitVarInsn(ASTORE, z);
                mv.visitVarInsn(ALOAD, a);
                mv.visitVarInsn(ALOAD, z);
                c.st();
                c.call(SEM, "countable", "(" + OBJ_D + OBJ_D + OBJ_D + ")Z");
                mv.visitJumpInsn(IFEQ, general);
                unboxLong(mv, a);
                mv.visitVarInsn(LSTORE, from);
                // step: 1 upwards, -1 downwards; count: |to - from| + 1
                unboxLong(mv, z);
                mv.visitVarInsn(LLOAD, from);
                mv.visitInsn(LSUB);
                mv.visitInsn(DUP2);
                mv.visitVarInsn(LSTORE, count);
                mv.visitInsn(LCONST_0);
                mv.visitInsn(LCMP);
                Label up = new Label();
                Label stepped = new Label();
                mv.visitJumpInsn(org.objectweb.asm.Opcodes.IFGE, up);
                mv.visitLdcInsn(-1L);
                mv.visitVarInsn(LSTORE, step);
                mv.visitInsn(LCONST_0);
                mv.visitVarInsn(LLOAD, count);
                mv.visitInsn(LSUB);
                mv.visitVarInsn(LSTORE, count);
                mv.visitJumpInsn(GOTO, stepped);
                mv.visitLabel(up);
                mv.visitInsn(LCONST_1);
                mv.visitVarInsn(LSTORE, step);
                mv.visitLabel(stepped);
                mv.visitVarInsn(LLOAD, count);
                mv.visitInsn(LCONST_1);
                mv.visitInsn(LADD);
                mv.visitVarInsn(LSTORE, count);
                mv.visitFieldInsn(org.objectweb.asm.Opcodes.GETSTATIC, c.gen().internalName, "COUNTING", OBJ_D);
                mv.visitVarInsn(ASTORE, src);
                mv.visitJumpInsn(GOTO, done);
            }
            mv.visitLabel(general);
            c.expr(fo.seq());
            mv.visitInsn(DUP);
            mv.visitVarInsn(ASTORE, raw);
            c.st();
            c.call(SEM, "loopSource", "(" + OBJ_D + OBJ_D + ")" + OBJ_D);
            mv.visitVarInsn(ASTORE, src);
            mv.visitLabel(done);
        });
        // variables the body creates disappear after the loop (Twig restores the context)
        int mask = c.longLocal();
        int many = c.local();
        if (created.length > 0) {
            c.f();
            c.pushConst(created, int[].class);
            if (created.length > 64) {
                c.call(SEM, "definedMany", "(" + OBJ_D + "[I)[Z");
                mv.visitVarInsn(ASTORE, many);
                mv.visitInsn(LCONST_0);
                mv.visitVarInsn(LSTORE, mask);
            } else {
                c.call(SEM, "definedMask", "(" + OBJ_D + "[I)J");
                mv.visitVarInsn(LSTORE, mask);
                mv.visitInsn(ACONST_NULL);
                mv.visitVarInsn(ASTORE, many);
            }
        }
        int loop = c.local();
        c.st();
        mv.visitVarInsn(ALOAD, parentScope);
        c.call(SEM, "pushLoop", "(" + OBJ_D + OBJ_D + ")" + OBJ_D);
        mv.visitVarInsn(ASTORE, loop);
        mv.visitVarInsn(ALOAD, loop);
        mv.visitVarInsn(ALOAD, raw);
        mv.visitVarInsn(ALOAD, src);
        mv.visitVarInsn(LLOAD, from);
        mv.visitVarInsn(LLOAD, step);
        c.call(SEM, "loopWalks", "(" + OBJ_D + OBJ_D + OBJ_D + "JJ)V");
        // Twig's order: $context['_seq'], ['_iterated'] (with an else), ['loop'], then each iteration's value and key
        part(c, loop, 0);
        c.frameSetSlot(seqSlot);
        if (iteratedSlot >= 0) {
            part(c, loop, 2);
            c.frameSetSlot(iteratedSlot);
        }
        if (loopSlot >= 0) {
            mv.visitVarInsn(ALOAD, loop);
            c.frameSetSlot(loopSlot);
        }
        c.tryFin(() -> iterate(c, fo, keySlot, valueSlot, src, from, step, count, loop), () -> {
            c.st();
            c.call(SEM, "popLoop", "(" + OBJ_D + ")V");
            c.st();
            mv.visitVarInsn(ILOAD, temps);
            c.call(SEM, "setTempTop", "(" + OBJ_D + "I)V");
        });
        if (created.length > 0) {
            c.f();
            c.pushConst(created, int[].class);
            mv.visitVarInsn(LLOAD, mask);
            mv.visitVarInsn(ALOAD, many);
            c.call(SEM, "undefineCreated", "(" + OBJ_D + "[IJ[Z)V");
        }
    }

    private static final int DUP2 = org.objectweb.asm.Opcodes.DUP2;

    /** Pushes the loop's stand-in for _seq (0), _key (1) or _iterated (2). */
    private static void part(BytecodeCompiler c, int loop, int kind) {
        c.mv().visitVarInsn(ALOAD, loop);
        c.pushInt(kind);
        c.call(SEM, "loopPart", "(" + OBJ_D + "I)" + OBJ_D);
    }

    private static void unboxLong(MethodVisitor mv, int local) {
        mv.visitVarInsn(ALOAD, local);
        mv.visitTypeInsn(CHECKCAST, "java/lang/Long");
        mv.visitMethodInsn(INVOKEVIRTUAL, "java/lang/Long", "longValue", "()J", false);
    }

    /** The walk itself: positions 0..n-1 while the source still has them; the else branch when none. */
    private static void iterate(BytecodeCompiler c, Stmt.For fo, int keySlot, int valueSlot, int src,
            int from, int step, int count, int loop) {
        MethodVisitor mv = c.mv();
        Label empty = new Label();
        Label end = new Label();
        int n = c.local();
        int i = c.local();
        mv.visitVarInsn(ALOAD, src);
        mv.visitJumpInsn(IFNULL, empty);
        mv.visitVarInsn(ALOAD, src);
        mv.visitVarInsn(LLOAD, count);
        c.call(SEM, "loopSize", "(" + OBJ_D + "J)I");
        mv.visitInsn(DUP);
        mv.visitVarInsn(ISTORE, n);
        mv.visitJumpInsn(IFEQ, empty);
        mv.visitVarInsn(ALOAD, loop);
        mv.visitVarInsn(ILOAD, n);
        mv.visitInsn(I2L);
        c.call(SEM, "loopLength", "(" + OBJ_D + "J)V");
        c.pushInt(0);
        mv.visitVarInsn(ISTORE, i);
        Label top = new Label();
        mv.visitLabel(top);
        mv.visitVarInsn(ILOAD, i);
        mv.visitVarInsn(ILOAD, n);
        mv.visitJumpInsn(IF_ICMPGE, end);
        // the source may shrink while the body runs (a PHP array is walked by position)
        mv.visitVarInsn(ILOAD, i);
        mv.visitVarInsn(ALOAD, src);
        mv.visitVarInsn(LLOAD, count);
        c.call(SEM, "loopSize", "(" + OBJ_D + "J)I");
        mv.visitJumpInsn(IF_ICMPGE, end);
        // Twig's foreach assigns the value, then the key
        mv.visitVarInsn(ALOAD, src);
        mv.visitVarInsn(ILOAD, i);
        mv.visitVarInsn(LLOAD, from);
        mv.visitVarInsn(LLOAD, step);
        c.st();
        c.call(SEM, "loopValue", "(" + OBJ_D + "IJJ" + OBJ_D + ")" + OBJ_D);
        c.frameSetSlot(valueSlot);
        if (fo.keyVar() != null) {
            mv.visitVarInsn(ALOAD, src);
            mv.visitVarInsn(ILOAD, i);
            c.st();
            c.call(SEM, "loopKey", "(" + OBJ_D + "I" + OBJ_D + ")" + OBJ_D);
        } else {
            part(c, loop, 1);
        }
        c.frameSetSlot(keySlot);
        c.st();
        c.pushString(c.name());
        c.pushInt(fo.line());
        c.call(SEM, "iteration", "(" + OBJ_D + "Ljava/lang/String;I)V");
        c.statement(fo.body());
        mv.visitVarInsn(ALOAD, loop);
        c.call(SEM, "loopNext", "(" + OBJ_D + ")V");
        mv.visitIincInsn(i, 1);
        mv.visitJumpInsn(GOTO, top);
        mv.visitLabel(empty);
        if (fo.otherwise() != null) {
            // Twig sets up `loop` before iterating: the else branch sees this loop, empty, not the outer one
            mv.visitVarInsn(ALOAD, loop);
            mv.visitInsn(LCONST_0);
            c.call(SEM, "loopLength", "(" + OBJ_D + "J)V");
            c.statement(fo.otherwise());
        }
        mv.visitLabel(end);
    }
}
