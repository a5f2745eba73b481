package dev.zweig.bytecode;

import dev.zweig.runtime.Eval;
import dev.zweig.runtime.Exec;
import dev.zweig.runtime.Frame;
import dev.zweig.runtime.RenderState;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The JVM class one template compiles to: static methods for its body, blocks, macros and the expressions the
 * runtime calls back (arrows, macro defaults), and an instance per entry point implementing {@link Exec} or
 * {@link Eval} by its id. Compile-time objects the code needs (strings' UTF-8 bytes, definitions, sites, the
 * template itself) travel in the class's constant table: its static initializer copies each into a static final
 * field, which the JIT folds as a constant. (Not dynamic constants: the JIT gives up compiling a method that loads
 * one not yet resolved, such as on an error path never taken.)
 * The class extends {@link TemplateClass}, through which it reaches the engine, and is defined by a class loader of
 * its own, so it unloads when its template is dropped. Not a hidden class: the JVM leaves hidden classes' frames
 * out of stack traces, and a template's must show there: its source file is the template's name and its line
 * table the template's lines.
 */
final class ClassGen {
    /** A frame and a render state, as the template class's code holds them (see TemplateClass). */
    static final String FRAME = "java/lang/Object";
    static final String STATE = "java/lang/Object";
    static final String OBJ = "java/lang/Object";
    static final String BODY_DESC = "(Ljava/lang/Object;Ljava/lang/Object;)V";
    static final String EVAL_DESC = "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;";
    private static final String EXEC_DESC = "(L" + Type.getInternalName(Frame.class) + ";L"
            + Type.getInternalName(RenderState.class) + ";)V";
    private static final String EVAL_ENTRY_DESC = "(L" + Type.getInternalName(Frame.class) + ";L"
            + Type.getInternalName(RenderState.class) + ";)Ljava/lang/Object;";
    private static final String BASE = Type.getInternalName(TemplateClass.class);

    private static final java.util.concurrent.atomic.AtomicLong COUNT = new java.util.concurrent.atomic.AtomicLong();

    final String internalName;
    final ClassWriter cw;
    private final List<Object> data = new ArrayList<>();
    private final Map<Object, Integer> dataIndex = new IdentityHashMap<>();
    /** The type of each constant's field (a JDK or API type the class may name, else Object). */
    private final List<String> dataDesc = new ArrayList<>();
    private final List<String> execs = new ArrayList<>();
    private final List<String> evals = new ArrayList<>();
    private int methods;

    ClassGen(String templateName) {
        internalName = "dev/zweig/templates/T" + COUNT.incrementAndGet() + "_" + simple(templateName);
        cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES | ClassWriter.COMPUTE_MAXS) {
            @Override
            protected String getCommonSuperClass(String a, String b) {
                return OBJ; // every frame merge here is between Object-typed values (no class loading)
            }
        };
        cw.visit(Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, internalName, null, BASE,
                null);
        // a class file's strings hold 64 KiB of modified UTF-8: an absurdly long name shows cut in stack traces
        cw.visitSource(fitsConstantPool(templateName) ? templateName : templateName.substring(0, 16_384), null);
        cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL, "id", "I", null, null).visitEnd();
    }

    /** Whether a string fits a class file's constant pool (at most 65,535 bytes of modified UTF-8). */
    static boolean fitsConstantPool(String s) {
        if (s.length() <= 65_535 / 3) {
            return true;
        }
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c != 0 && c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return bytes <= 65_535;
    }

    /** A class-name-safe part of the template's name (the whole name is the class's source file). */
    private static String simple(String name) {
        String base = name.substring(name.lastIndexOf('/') + 1);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < base.length() && sb.length() < 40; i++) {
            char c = base.charAt(i);
            sb.append(Character.isLetterOrDigit(c) ? c : '_');
        }
        return sb.toString();
    }

    /** A new static method (Frame, RenderState) -> void, to be an {@link Exec} entry point when registered. */
    MethodVisitor newBody(String prefix, boolean exec) {
        String n = prefix + (methods++);
        if (exec) {
            execs.add(n);
        }
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE, n, BODY_DESC, null, null);
        mv.visitCode();
        lastName = n;
        return mv;
    }

    /** A new static method (Frame, RenderState) -> Object, an {@link Eval} entry point. */
    MethodVisitor newEval(String prefix) {
        String n = prefix + (methods++);
        evals.add(n);
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC | Opcodes.ACC_PRIVATE, n, EVAL_DESC, null, null);
        mv.visitCode();
        lastName = n;
        return mv;
    }

    /** The name of the method last started. */
    String lastName;

    /** The id of the Exec entry point last registered (its instance comes from {@link #exec(int)}). */
    int lastExecId() {
        return execs.size() - 1;
    }

    int lastEvalId() {
        return evals.size() - 1;
    }

    /** The index of a compile-time object in the constant table (for a bootstrap argument); not loaded. */
    int constantIndex(Object value) {
        int idx = data.size();
        data.add(value);
        dataDesc.add("Ljava/lang/Object;");
        return idx;
    }

    /** The engine's packages a template class's loader is given access to (see TemplateLoader). */
    private static final List<String> GIVEN_PACKAGES = List.of(TemplateClass.class.getPackageName(),
            dev.zweig.runtime.CompiledTemplate.class.getPackageName());

    /**
     * Whether a template class may name a type from its own loader's unnamed module: the JDK's, what the engine's
     * module exports (everything, on the class path) and the packages its loader is given. On the module path a
     * semantics or engine type (a call site, the engine) is not one of them: its constant is held as an Object.
     */
    private static boolean visibleToTemplates(Class<?> type) {
        return type.getModule().isExported(type.getPackageName()) || GIVEN_PACKAGES.contains(type.getPackageName());
    }

    /** Pushes the string s (null too): an ldc, or a constant of the class when s is too long for its pool. */
    void str(MethodVisitor mv, String s) {
        if (s == null) {
            mv.visitInsn(Opcodes.ACONST_NULL);
        } else if (fitsConstantPool(s)) {
            mv.visitLdcInsn(s);
        } else {
            constant(mv, s, String.class); // longer than a class file's strings (64 KiB of modified UTF-8)
        }
    }

    /** Loads a compile-time object (never null) as a constant of the given type. */
    void constant(MethodVisitor mv, Object value, Class<?> type) {
        // typed when a template class may name the type (the JDK's, the API's), else Object (see TemplateClass)
        Class<?> base = type;
        while (base.isArray()) {
            base = base.getComponentType();
        }
        boolean nameable = base.isPrimitive() || java.lang.reflect.Modifier.isPublic(base.getModifiers())
                && (base.getEnclosingClass() == null || java.lang.reflect.Modifier.isPublic(
                        base.getEnclosingClass().getModifiers())) && visibleToTemplates(base);
        String desc = Type.getDescriptor(nameable ? type : Object.class);
        Integer idx = dataIndex.get(value);
        if (idx == null || !dataDesc.get(idx).equals(desc)) {
            idx = data.size();
            data.add(value);
            dataDesc.add(desc);
            dataIndex.put(value, idx);
        }
        if (idx < FIELDS) {
            mv.visitFieldInsn(Opcodes.GETSTATIC, internalName, "k" + idx, desc);
            return;
        }
        // beyond what one initializer can fill: read from the table (still a static final)
        mv.visitFieldInsn(Opcodes.GETSTATIC, internalName, "K", "[Ljava/lang/Object;");
        push(mv, idx);
        mv.visitInsn(Opcodes.AALOAD);
        if (!desc.equals("Ljava/lang/Object;")) {
            mv.visitTypeInsn(Opcodes.CHECKCAST, Type.getType(desc).getInternalName());
        }
    }

    /** Constants with a field of their own (the initializer, one method, holds 64 KiB of code). */
    private static final int FIELDS = 4000;

    /** The constants' static final fields and the static initializer filling them from the class's loader. */
    private void constantFields() {
        int n = data.size();
        cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, "K", "[Ljava/lang/Object;", null,
                null).visitEnd();
        for (int i = 0; i < n && i < FIELDS; i++) {
            cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, "k" + i, dataDesc.get(i), null,
                    null).visitEnd();
        }
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        mv.visitLdcInsn(Type.getObjectType(internalName));
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, BASE, "constants", "(Ljava/lang/Class;)[Ljava/lang/Object;", false);
        mv.visitInsn(Opcodes.DUP);
        mv.visitFieldInsn(Opcodes.PUTSTATIC, internalName, "K", "[Ljava/lang/Object;");
        mv.visitVarInsn(Opcodes.ASTORE, 0);
        for (int i = 0; i < n && i < FIELDS; i++) {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            push(mv, i);
            mv.visitInsn(Opcodes.AALOAD);
            Type t = Type.getType(dataDesc.get(i));
            if (!t.getDescriptor().equals("Ljava/lang/Object;")) {
                mv.visitTypeInsn(Opcodes.CHECKCAST, t.getInternalName());
            }
            mv.visitFieldInsn(Opcodes.PUTSTATIC, internalName, "k" + i, dataDesc.get(i));
        }
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Pushes an int. */
    static void push(MethodVisitor mv, int v) {
        if (v >= -1 && v <= 5) {
            mv.visitInsn(Opcodes.ICONST_0 + v);
        } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.BIPUSH, v);
        } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
            mv.visitIntInsn(Opcodes.SIPUSH, v);
        } else {
            mv.visitLdcInsn(v);
        }
    }

    private Object[] instances;

    /** Writes the dispatching members, defines the class and makes one instance per entry point. */
    void define() {
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "(I)V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, BASE, "<init>", "()V", false);
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitVarInsn(Opcodes.ILOAD, 1);
        init.visitFieldInsn(Opcodes.PUTFIELD, internalName, "id", "I");
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        constantFields();
        dispatch("exec", EXEC_DESC, BODY_DESC, execs, false);
        dispatch("eval", EVAL_ENTRY_DESC, EVAL_DESC, evals, true);
        cw.visitEnd();
        byte[] bytes = cw.toByteArray();
        dump(bytes);
        try {
            TemplateLoader loader = new TemplateLoader(data.toArray());
            Class<?> cls = loader.define(internalName.replace('/', '.'), bytes);
            java.lang.reflect.Constructor<?> ctor = cls.getConstructor(int.class);
            int n = Math.max(execs.size(), evals.size());
            instances = new Object[n];
            for (int i = 0; i < n; i++) {
                instances[i] = ctor.newInstance(i);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Could not define the class of a template", e);
        }
    }

    Exec exec(int id) {
        return (Exec) instances[id];
    }

    Eval eval(int id) {
        return (Eval) instances[id];
    }

    /**
     * The class loader of one template class: it defines that class (which then unloads with the template: nothing
     * else refers to this loader) and holds its constant table. Its parent is the engine's loader.
     */
    static final class TemplateLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        private final Object[] constants;

        TemplateLoader(Object[] constants) {
            super(ClassGen.class.getClassLoader());
            this.constants = constants;
            // on the module path the template class (in this loader's unnamed module) must see its superclass's
            // package, which the module does not export to everyone; on the class path this changes nothing
            // (and the runtime types its constants are cast to)
            Module engine = ClassGen.class.getModule();
            for (String pkg : GIVEN_PACKAGES) {
                engine.addExports(pkg, getUnnamedModule());
            }
        }

        Class<?> define(String name, byte[] bytes) {
            return defineClass(name, bytes, 0, bytes.length, ClassGen.class.getProtectionDomain());
        }

        Object[] constants() {
            return constants;
        }
    }

    /** exec/eval: a switch on the instance's id calling the static method registered under it. */
    private void dispatch(String method, String entryDesc, String desc, List<String> targets, boolean value) {
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, method, entryDesc, null, null);
        mv.visitCode();
        if (!targets.isEmpty()) {
            Label dflt = new Label();
            Label[] labels = new Label[targets.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = new Label();
            }
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitFieldInsn(Opcodes.GETFIELD, internalName, "id", "I");
            mv.visitTableSwitchInsn(0, labels.length - 1, dflt, labels);
            for (int i = 0; i < labels.length; i++) {
                mv.visitLabel(labels[i]);
                mv.visitVarInsn(Opcodes.ALOAD, 1);
                mv.visitVarInsn(Opcodes.ALOAD, 2);
                mv.visitMethodInsn(Opcodes.INVOKESTATIC, internalName, targets.get(i), desc, false);
                mv.visitInsn(value ? Opcodes.ARETURN : Opcodes.RETURN);
            }
            mv.visitLabel(dflt);
        }
        mv.visitTypeInsn(Opcodes.NEW, "java/lang/IllegalStateException");
        mv.visitInsn(Opcodes.DUP);
        mv.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "()V", false);
        mv.visitInsn(Opcodes.ATHROW);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Where generated classes are written for reading with javap (system property zweig.dumpClasses), or null. */
    private static final String DUMP_DIR = System.getProperty("zweig.dumpClasses");

    private void dump(byte[] bytes) {
        if (DUMP_DIR == null) {
            return;
        }
        try {
            java.nio.file.Files.write(java.nio.file.Path.of(DUMP_DIR, internalName.replace('/', '_') + ".class"),
                    bytes);
        } catch (java.io.IOException e) {
            // a debugging aid: the template still compiles and runs
            System.getLogger("dev.zweig").log(System.Logger.Level.WARNING, "cannot write " + internalName + " to "
                    + DUMP_DIR, e);
        }
    }
}
