package dev.zweig.bytecode;

import dev.zweig.semantics.Semantics;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.INVOKEINTERFACE;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.NEW;
import static org.objectweb.asm.Opcodes.POP;

import dev.zweig.ast.Expr;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/** List and hash literals, and the patterns of destructuring assignments, as JVM code. */
final class EmitLiterals {
    private static final String SEM = Type.getInternalName(Semantics.class);
    private static final String OBJ_D = "Ljava/lang/Object;";

    private EmitLiterals() {
    }

    /** [a, b, ...c]: a constant when every item is a literal, a new list otherwise. */
    static void sequence(BytecodeCompiler c, Expr.Sequence s) {
        MethodVisitor mv = c.mv();
        Object frozen = Semantics.constant(s);
        if (frozen != Semantics.NOT_CONSTANT) {
            // a literal list is built once: nothing a template does can change it
            c.pushConst(frozen, List.class);
            return;
        }
        int n = s.items().size();
        if (s.items().stream().noneMatch(Expr.Item::spread)) {
            if (c.inPlace(s) == Semantics.IN_PLACE_ITEM) {
                // an accumulation's kept element (ScratchAnalysis#keptItems): the render's element storage
                c.st();
                c.pushInt(n);
                c.call(SEM, "keptArray", "(" + OBJ_D + "I)" + OBJ_D);
                for (Expr.Item it : s.items()) {
                    mv.visitInsn(DUP);
                    item(c, it.value());
                    c.call(SEM, "listAppend", "(" + OBJ_D + OBJ_D + ")V");
                }
                c.call(SEM, "keptItem", "(" + OBJ_D + ")" + OBJ_D);
                return;
            }
            if (c.isScratchCall(s)) {
                // consumed where it is built, or bound to a macro's parameter (ScratchAnalysis): a pooled array of
                // the render's scratch storage, which whatever may keep it copies
                scratchSequence(c, s);
                return;
            }
            mv.visitTypeInsn(NEW, "java/util/ArrayList");
            mv.visitInsn(DUP);
            c.pushInt(n);
            mv.visitMethodInsn(INVOKESPECIAL, "java/util/ArrayList", "<init>", "(I)V", false);
            for (Expr.Item it : s.items()) {
                mv.visitInsn(DUP);
                item(c, it.value());
                mv.visitMethodInsn(INVOKEINTERFACE, "java/util/List", "add", "(" + OBJ_D + ")Z", true);
                mv.visitInsn(POP);
            }
            return;
        }
        byte inPlace = c.inPlace(s);
        if (inPlace != 0) {
            // [...carry, x, ...] returned as a reduce's next carry (ScratchAnalysis): the carry extended in place,
            // or spread into a pooled array of the render's scratch storage (see Semantics#accumulation)
            item(c, s.items().get(0).value());
            c.pushInt(inPlace);
            c.f();
            c.st();
            c.call(SEM, "accumulation", "(" + OBJ_D + "I" + OBJ_D + OBJ_D + ")" + OBJ_D);
            for (int i = 1; i < n; i++) {
                mv.visitInsn(DUP);
                item(c, s.items().get(i).value());
                c.call(SEM, "listAppend", "(" + OBJ_D + OBJ_D + ")V");
            }
            return;
        }
        if (c.isScratchCall(s)) {
            // with spreads, consumed where it is built (ScratchAnalysis)
            scratchSequence(c, s);
            return;
        }
        c.pushInt(n);
        mv.visitTypeInsn(org.objectweb.asm.Opcodes.ANEWARRAY, "java/lang/Object");
        boolean[] spread = new boolean[n];
        for (int i = 0; i < n; i++) {
            mv.visitInsn(DUP);
            c.pushInt(i);
            item(c, s.items().get(i).value());
            mv.visitInsn(org.objectweb.asm.Opcodes.AASTORE);
            spread[i] = s.items().get(i).spread();
        }
        c.pushConst(spread, boolean[].class);
        c.call(SEM, "sequence", "([" + OBJ_D + "[Z)" + OBJ_D);
    }

    /** A list literal in a pooled array of the render's scratch storage, spreads' pairs copied into it. */
    private static void scratchSequence(BytecodeCompiler c, Expr.Sequence s) {
        MethodVisitor mv = c.mv();
        c.st();
        c.pushInt(s.items().size());
        c.call(SEM, "scratchArray", "(" + OBJ_D + "I)" + OBJ_D);
        for (Expr.Item it : s.items()) {
            mv.visitInsn(DUP);
            item(c, it.value());
            if (it.spread()) {
                c.st();
                c.call(SEM, "spreadList", "(" + OBJ_D + OBJ_D + OBJ_D + ")V"); // see Semantics#spreadList
            } else {
                c.call(SEM, "listAppend", "(" + OBJ_D + OBJ_D + ")V");
            }
        }
    }

    private static void item(BytecodeCompiler c, Expr value) {
        if (value == null) {
            c.mv().visitInsn(org.objectweb.asm.Opcodes.ACONST_NULL);
        } else {
            c.expr(value);
        }
    }

    /** {k: v, ...m}: a constant when every key and value is a literal; values evaluated before their keys. */
    static void mapping(BytecodeCompiler c, Expr.Mapping m) {
        MethodVisitor mv = c.mv();
        Object frozen = Semantics.constant(m);
        if (frozen != Semantics.NOT_CONSTANT) {
            c.pushConst(frozen, Map.class);
            return;
        }
        int n = m.pairs().size();
        if (m.pairs().stream().allMatch(p -> p.key() != null)) {
            // no spread: a map filled pair by pair, each value before its key; in the render's scratch storage
            // when consumed where it is built (ScratchAnalysis)
            int arr = c.local();
            int v = c.local();
            boolean kept = c.inPlace(m) == Semantics.IN_PLACE_ITEM;
            if (kept) {
                // an accumulation's kept element (ScratchAnalysis#keptItems): the render's element storage
                c.st();
                c.pushInt(n);
                c.call(SEM, "keptArray", "(" + OBJ_D + "I)" + OBJ_D);
            } else if (c.isScratchCall(m)) {
                c.st();
                c.pushInt(n);
                c.call(SEM, "scratchArray", "(" + OBJ_D + "I)" + OBJ_D);
            } else {
                c.call(SEM, "newMap", "()" + OBJ_D);
            }
            mv.visitVarInsn(org.objectweb.asm.Opcodes.ASTORE, arr);
            for (Expr.Pair p : m.pairs()) {
                c.expr(p.value());
                mv.visitVarInsn(org.objectweb.asm.Opcodes.ASTORE, v);
                mv.visitVarInsn(org.objectweb.asm.Opcodes.ALOAD, arr);
                c.expr(p.key());
                mv.visitVarInsn(org.objectweb.asm.Opcodes.ALOAD, v);
                if (c.inPlace(p.value()) == Semantics.IN_PLACE_ELEMENT) {
                    // a grouping's element, put back under the key it was read from (see Semantics#elementPut)
                    c.st();
                    c.call(SEM, "elementPut", "(" + OBJ_D + OBJ_D + OBJ_D + OBJ_D + ")V");
                } else {
                    c.st();
                    c.call(SEM, "mapPut", "(" + OBJ_D + OBJ_D + OBJ_D + OBJ_D + ")V");
                }
            }
            mv.visitVarInsn(org.objectweb.asm.Opcodes.ALOAD, arr);
            if (kept) {
                c.call(SEM, "keptItem", "(" + OBJ_D + ")" + OBJ_D);
            }
            return;
        }
        if (c.isScratchCall(m)) {
            // with spreads, consumed where it is built (ScratchAnalysis): a pooled array of the render's scratch
            // storage, each value before its key, each spread's pairs copied into it (see Semantics#spreadList)
            int arr = c.local();
            int v = c.local();
            c.st();
            c.pushInt(n);
            c.call(SEM, "scratchArray", "(" + OBJ_D + "I)" + OBJ_D);
            mv.visitVarInsn(org.objectweb.asm.Opcodes.ASTORE, arr);
            for (Expr.Pair p : m.pairs()) {
                c.expr(p.value());
                mv.visitVarInsn(org.objectweb.asm.Opcodes.ASTORE, v);
                mv.visitVarInsn(org.objectweb.asm.Opcodes.ALOAD, arr);
                if (p.key() == null) {
                    mv.visitVarInsn(org.objectweb.asm.Opcodes.ALOAD, v);
                    c.st();
                    c.call(SEM, "spreadList", "(" + OBJ_D + OBJ_D + OBJ_D + ")V");
                } else {
                    c.expr(p.key());
                    mv.visitVarInsn(org.objectweb.asm.Opcodes.ALOAD, v);
                    c.st();
                    c.call(SEM, "mapPut", "(" + OBJ_D + OBJ_D + OBJ_D + OBJ_D + ")V");
                }
            }
            mv.visitVarInsn(org.objectweb.asm.Opcodes.ALOAD, arr);
            return;
        }
        int keys = c.local();
        int vals = c.local();
        c.pushInt(n);
        mv.visitTypeInsn(org.objectweb.asm.Opcodes.ANEWARRAY, "java/lang/Object");
        mv.visitVarInsn(org.objectweb.asm.Opcodes.ASTORE, keys);
        c.pushInt(n);
        mv.visitTypeInsn(org.objectweb.asm.Opcodes.ANEWARRAY, "java/lang/Object");
        mv.visitVarInsn(org.objectweb.asm.Opcodes.ASTORE, vals);
        boolean[] spread = new boolean[n];
        for (int i = 0; i < n; i++) {
            Expr.Pair p = m.pairs().get(i);
            mv.visitVarInsn(org.objectweb.asm.Opcodes.ALOAD, vals);
            c.pushInt(i);
            c.expr(p.value());
            mv.visitInsn(org.objectweb.asm.Opcodes.AASTORE);
            if (p.key() == null) {
                spread[i] = true;
                continue;
            }
            mv.visitVarInsn(org.objectweb.asm.Opcodes.ALOAD, keys);
            c.pushInt(i);
            c.expr(p.key());
            mv.visitInsn(org.objectweb.asm.Opcodes.AASTORE);
        }
        mv.visitVarInsn(org.objectweb.asm.Opcodes.ALOAD, keys);
        c.pushConst(spread, boolean[].class);
        mv.visitVarInsn(org.objectweb.asm.Opcodes.ALOAD, vals);
        c.call(SEM, "mapping", "([" + OBJ_D + "[Z[" + OBJ_D + ")" + OBJ_D);
    }

    /** The pattern of an assignment target for Semantics.assign: a slot, or {keys or null, sub-patterns}. */
    static Object pattern(BytecodeCompiler c, Expr target) {
        if (target instanceof Expr.Name n) {
            return c.slotOf(n.name());
        }
        if (target instanceof Expr.Sequence s) {
            Object[] parts = new Object[s.items().size()];
            for (int i = 0; i < parts.length; i++) {
                Expr v = s.items().get(i).value();
                parts[i] = v == null ? null : pattern(c, v);
            }
            return new Object[] {null, parts};
        }
        if (target instanceof Expr.Mapping m) {
            int n = m.pairs().size();
            Object[] keys = new Object[n];
            Object[] parts = new Object[n];
            for (int i = 0; i < n; i++) {
                Expr.Pair p = m.pairs().get(i);
                keys[i] = ((Expr.Literal) p.key()).value();
                parts[i] = pattern(c, p.value());
            }
            return new Object[] {keys, parts};
        }
        // (the parser refuses anything else with Twig's texts: see ExpressionParser's assignment targets)
        throw new IllegalStateException("not an assignment target: " + target);
    }
}
