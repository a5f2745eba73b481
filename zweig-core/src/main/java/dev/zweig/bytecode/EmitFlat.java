package dev.zweig.bytecode;

import static org.objectweb.asm.Opcodes.*;

import dev.zweig.engine.Engine;
import dev.zweig.runtime.FlatTemplate;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The compiled form of a template that is text and variables only ({@link FlatTemplate}): its class's
 * {@code renderFlat(Map, Output)}, straight-line code writing each static text and reading and printing each
 * variable as the interpreter's FlatTemplate does, with the same errors (a print's located at its line, a static
 * text's TemplateException located at the text's line) and the template's lines in its stack frames.
 */
final class EmitFlat {
    private static final String BASE = Type.getInternalName(TemplateClass.class);
    private static final String OUTPUT = Type.getInternalName(dev.zweig.output.Output.class);
    private static final String TEMPLATE_EXCEPTION = Type.getInternalName(dev.zweig.TemplateException.class);
    private static final String MAP = "Ljava/util/Map;";
    private static final String OUT = "Ldev/zweig/output/Output;";

    private EmitFlat() {
    }

    /** Writes renderFlat into the class gen writes. */
    static void method(ClassGen gen, FlatTemplate plan, Engine engine, String template) {
        MethodVisitor mv = gen.cw.visitMethod(ACC_PUBLIC | ACC_FINAL, "renderFlat", "(" + MAP + OUT + ")Z", null,
                null);
        mv.visitCode();
        Label go = new Label();
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKESTATIC, BASE, "flatBlocked", "(" + MAP + ")Z", false);
        mv.visitJumpInsn(IFEQ, go);
        mv.visitInsn(ICONST_0);
        mv.visitInsn(IRETURN);
        mv.visitLabel(go);
        // an empty context is none (its isEmpty called once, first), as a render's root frame takes it
        mv.visitVarInsn(ALOAD, 1);
        mv.visitMethodInsn(INVOKESTATIC, BASE, "flatContext", "(" + MAP + ")" + MAP, false);
        mv.visitVarInsn(ASTORE, 1);
        int n = plan.count();
        for (int i = 0; i < n; i++) {
            texts(mv, gen, plan, i, template);
            print(mv, gen, plan, i, engine, template);
        }
        texts(mv, gen, plan, n, template);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(IRETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static void line(MethodVisitor mv, int line) {
        Label l = new Label();
        mv.visitLabel(l);
        mv.visitLineNumber(Math.max(line, 1), l);
    }

    /** The texts before print i, each a write of its own (as the executors write them). */
    private static void texts(MethodVisitor mv, ClassGen gen, FlatTemplate plan, int i, String template) {
        String[] ts = plan.texts(i);
        int[] lines = plan.textLines(i);
        for (int k = 0; k < ts.length; k++) {
            text(mv, gen, ts[k], lines[k], template);
        }
    }

    /** Local 4 + i: the value of print i when a later print reads its name again (a render reads it once). */
    private static int kept(int i) {
        return 4 + i;
    }

    private static void text(MethodVisitor mv, ClassGen gen, String s, int line, String template) {
        line(mv, line);
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        Label after = new Label();
        mv.visitTryCatchBlock(start, end, handler, TEMPLATE_EXCEPTION);
        mv.visitLabel(start);
        mv.visitVarInsn(ALOAD, 2);
        gen.str(mv, s);
        mv.visitMethodInsn(INVOKEINTERFACE, OUTPUT, "write", "(Ljava/lang/String;)V", true);
        mv.visitLabel(end);
        mv.visitJumpInsn(GOTO, after);
        mv.visitLabel(handler);
        gen.str(mv, template);
        ClassGen.push(mv, line);
        mv.visitMethodInsn(INVOKEVIRTUAL, TEMPLATE_EXCEPTION, "locate",
                "(Ljava/lang/String;I)L" + TEMPLATE_EXCEPTION + ";", false);
        mv.visitInsn(ATHROW);
        mv.visitLabel(after);
    }

    private static void print(MethodVisitor mv, ClassGen gen, FlatTemplate plan, int i, Engine engine,
            String template) {
        line(mv, plan.line(i));
        String strategy = plan.strategy(i);
        Label start = new Label();
        Label end = new Label();
        Label handler = new Label();
        Label after = new Label();
        Label general = new Label();
        mv.visitTryCatchBlock(start, end, handler, "java/lang/RuntimeException");
        mv.visitLabel(start);
        if (plan.first(i) != i) {
            mv.visitVarInsn(ALOAD, kept(plan.first(i))); // read once per render, as the root frame reads it
        } else {
            mv.visitVarInsn(ALOAD, 1);
            gen.str(mv, plan.name(i));
            ClassGen.push(mv, plan.slot(i));
            gen.constant(mv, engine, Engine.class);
            mv.visitMethodInsn(INVOKESTATIC, BASE, "flatValue",
                    "(" + MAP + "Ljava/lang/String;ILjava/lang/Object;)Ljava/lang/Object;", false);
            if (plan.readAgain(i)) {
                mv.visitInsn(DUP);
                mv.visitVarInsn(ASTORE, kept(i));
            }
        }
        mv.visitVarInsn(ASTORE, 3);
        if (strategy == null || strategy.equals("html")) {
            // a string, the common case: escaped in the write, or written as it is
            mv.visitVarInsn(ALOAD, 3);
            mv.visitTypeInsn(INSTANCEOF, "java/lang/String");
            mv.visitJumpInsn(IFEQ, general);
            if (strategy == null) {
                mv.visitVarInsn(ALOAD, 2);
                mv.visitVarInsn(ALOAD, 3);
                mv.visitTypeInsn(CHECKCAST, "java/lang/String");
                mv.visitMethodInsn(INVOKEINTERFACE, OUTPUT, "write", "(Ljava/lang/String;)V", true);
            } else {
                mv.visitVarInsn(ALOAD, 3);
                mv.visitTypeInsn(CHECKCAST, "java/lang/CharSequence");
                mv.visitVarInsn(ALOAD, 2);
                mv.visitMethodInsn(INVOKESTATIC, BASE, "html", "(Ljava/lang/CharSequence;" + OUT + ")V", false);
            }
            mv.visitJumpInsn(GOTO, end);
        }
        mv.visitLabel(general);
        mv.visitVarInsn(ALOAD, 3);
        if (strategy == null) {
            mv.visitInsn(ACONST_NULL);
        } else {
            gen.str(mv, strategy);
        }
        ClassGen.push(mv, "html".equals(strategy) ? 1 : 0);
        mv.visitVarInsn(ALOAD, 2);
        mv.visitMethodInsn(INVOKESTATIC, BASE, "flatPrint", "(Ljava/lang/Object;Ljava/lang/String;Z" + OUT + ")V",
                false);
        mv.visitLabel(end);
        mv.visitJumpInsn(GOTO, after);
        mv.visitLabel(handler);
        gen.str(mv, template);
        ClassGen.push(mv, plan.line(i));
        mv.visitMethodInsn(INVOKESTATIC, BASE, "wrap",
                "(Ljava/lang/RuntimeException;Ljava/lang/String;I)Ldev/zweig/TemplateRuntimeException;", false);
        mv.visitInsn(ATHROW);
        mv.visitLabel(after);
    }
}
