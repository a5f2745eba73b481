package dev.zweig.pass;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;

/**
 * How to read and rebuild one AST record class, looked up once per class: the passes walk every node of every
 * template generically (the nodes are records), and asking reflection for the components, accessors and
 * constructor of each node again was most of the cost of compiling.
 */
final class RecordShape {
    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            return new RecordShape(type);
        }
    };

    private final MethodHandle[] accessors;
    private final MethodHandle constructor;

    private RecordShape(Class<?> type) {
        RecordComponent[] rc = type.getRecordComponents();
        accessors = new MethodHandle[rc.length];
        Class<?>[] types = new Class<?>[rc.length];
        // the module's own access: the syntax tree's package is not exported (public lookups see exported ones only)
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            for (int i = 0; i < rc.length; i++) {
                accessors[i] = lookup.unreflect(rc[i].getAccessor()).asType(MethodType.methodType(Object.class,
                        Object.class));
                types[i] = rc[i].getType();
            }
            constructor = lookup.unreflectConstructor(type.getDeclaredConstructor(types))
                    .asSpreader(Object[].class, rc.length).asType(MethodType.methodType(Object.class, Object[].class));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the record " + type.getSimpleName(), e);
        }
    }

    static RecordShape of(Class<?> type) {
        return SHAPES.get(type);
    }

    int size() {
        return accessors.length;
    }

    Object get(Object record, int i) {
        try {
            return accessors[i].invokeExact(record);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    Object rebuild(Object[] values) {
        try {
            return constructor.invokeExact(values);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
