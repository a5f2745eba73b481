package dev.zweig.php;

import java.util.Collection;
import java.util.Iterator;
import java.util.PrimitiveIterator;
import java.util.stream.BaseStream;

/**
 * PHP's {@code Traversable} that is not {@code Countable}, as the engine meets it in Java data: an {@link Iterable}
 * that is no {@link Collection}, and the single-use sequences, a {@link Iterator} or a {@link BaseStream}
 * ({@code Stream}, {@code IntStream}, {@code LongStream}, {@code DoubleStream}), which Twig sees as it sees a
 * generator: walked in order, keys 0..n-1. The one place that turns a value into the walk the engine makes of it:
 * every rule that walks an array-like value without a count (count, truthiness, {@code in}, the loops, the core
 * filters through {@link PhpArrays}) asks {@link #iterator} for it.
 *
 * <p>What a second walk sees (PHP: a generator already run fails to rewind; an iterator that does not rewind goes
 * on where it stopped): an Iterator goes on where the previous walk left it (nothing after a full walk: the
 * {@code NoRewindIterator} of PHP), a stream fails the second time as a used stream fails
 * ({@link IllegalStateException}, reported as a runtime error naming the template and line, as Twig reports the
 * generator's "Cannot traverse an already closed generator"). The engine calls nothing of them but their own
 * iteration ({@code hasNext}/{@code next}, {@code BaseStream#iterator}); it never closes a stream (PHP does not close
 * generators either).
 *
 * <p>Primitive streams' values are PHP ints and floats: an {@code IntStream}'s and a {@code LongStream}'s are read as
 * Longs, a {@code DoubleStream}'s as Doubles (as a Java array of primitives is read).
 */
public final class Traversables {
    private Traversables() {
    }

    /** Whether v is a single-use sequence: an Iterator or a BaseStream (a generator to Twig). */
    public static boolean isOnce(Object v) {
        return v instanceof Iterator<?> || v instanceof BaseStream<?, ?>;
    }

    /**
     * Whether v is Traversable without being Countable: an Iterable that is no Collection, an Iterator, a stream (a
     * for loop over it has no length, revindex nor last).
     */
    public static boolean isUncounted(Object v) {
        return v instanceof Iterable<?> ? !(v instanceof Collection<?>) : isOnce(v);
    }

    /** Whether v is an Iterable, an Iterator or a stream: what {@link #iterator} walks. */
    public static boolean isWalked(Object v) {
        return v instanceof Iterable<?> || isOnce(v);
    }

    /**
     * The walk of an Iterable, an Iterator or a stream (see the class comment: an Iterator is walked from where it
     * stands, a stream's iterator is taken, which fails for a stream already used), its primitive values boxed as
     * PHP numbers; null for any other value.
     */
    public static Iterator<?> iterator(Object v) {
        if (v instanceof Iterable<?> it) {
            return it.iterator();
        }
        if (v instanceof Iterator<?> i) {
            return boxed(i);
        }
        if (v instanceof BaseStream<?, ?> s) {
            return boxed(s.iterator());
        }
        return null;
    }

    /** An Iterable over {@link #iterator}(v) (v itself when it is one), for a for-each; null as iterator(v) is. */
    public static Iterable<?> iterable(Object v) {
        if (v instanceof Iterable<?> it) {
            return it;
        }
        @SuppressWarnings("unchecked")
        Iterator<Object> i = (Iterator<Object>) iterator(v);
        if (i == null) {
            return null;
        }
        return () -> i;
    }

    /** A primitive iterator's values as Longs (int, long) or Doubles; any other iterator as it is. */
    private static Iterator<?> boxed(Iterator<?> i) {
        return i instanceof PrimitiveIterator<?, ?> ? new Boxed(i) : i;
    }

    /** The values of an int, long or double iterator, boxed as PHP numbers. */
    private static final class Boxed implements Iterator<Object> {
        private final Iterator<?> in;

        Boxed(Iterator<?> in) {
            this.in = in;
        }

        @Override
        public boolean hasNext() {
            return in.hasNext();
        }

        @Override
        public Object next() {
            if (in instanceof PrimitiveIterator.OfInt ints) {
                return (long) ints.nextInt();
            }
            if (in instanceof PrimitiveIterator.OfLong longs) {
                return longs.nextLong();
            }
            return in instanceof PrimitiveIterator.OfDouble doubles ? (Object) doubles.nextDouble() : in.next();
        }
    }
}
