package dev.zweig.runtime;

import dev.zweig.php.ScratchDate;
import dev.zweig.php.PhpArray;
import java.util.List;

/**
 * The render's scratch storage as core filters and functions see it (internal: core filters only; a user's
 * callable is never given permission to use it). Two kinds of storage, with different lifetimes:
 * <ul>
 *   <li><b>results</b> ({@link #scratchList}, {@link #scratchArray}): only for a call {@link #scratch} allows,
 *       that is one whose result the compiler proved never reaches user code nor outlives its consumer (see
 *       ScratchAnalysis). They stay valid until the consumer is done, and are reused afterwards;</li>
 *   <li><b>temporaries</b> ({@link #temp}, {@link #textBuffer}): any core call may borrow one for its own work
 *       (say, the pairs of a map it reads by position, or a piece of text its streaming form builds before writing
 *       it out); it is taken back when the call returns, so it must not be returned or kept.</li>
 * </ul>
 * Everything is emptied when the render ends.
 */
public interface ScratchArena {
    /** Whether the call made with this very argument array may build its result in scratch storage. */
    boolean scratch(Object[] args);

    /** An empty list of scratch storage (or a fresh one when the arena is exhausted). */
    List<Object> scratchList(int capacity);

    /** An empty PHP array of scratch storage (or a fresh one when the arena is exhausted). */
    PhpArray scratchArray(int capacity);

    /**
     * A render-private date for a call {@link #scratch} allows (a date_modify read only by the core date filters),
     * valid as long as a scratch result is.
     */
    ScratchDate scratchDate();

    /**
     * The stamp of the accumulation whose pooled array the call made with this very argument array may extend in
     * place, or 0: a merge (or a spread list literal) whose result replaces the only holder of its input, a
     * variable or a reduce's carry, which ScratchAnalysis proved is read by nothing else. The input is extended in
     * place only if it is a pooled array carrying that stamp (see PhpArray#owner): one this accumulation built.
     */
    default long inPlaceOwner(Object[] args) {
        return 0;
    }

    /**
     * Whether the in-place call made with this very argument array (see {@link #inPlaceOwner}) extends an element of
     * an accumulation grouped by key ({@code (c[k] ?? [])|merge([x])} put back under k: see Semantics#elementPut),
     * whose arrays come from {@link #elementArray}.
     */
    default boolean inPlaceElement(Object[] args) {
        return false;
    }

    /**
     * An empty PHP array of the render's storage for the elements of a grouping accumulation (or a fresh one when it
     * is exhausted): pooled like {@link #scratchArray}'s, but valid until the render ends, since the accumulation
     * holds it from one step to the next while each step's scratch storage is given back.
     */
    default PhpArray elementArray(int capacity) {
        return new PhpArray(capacity);
    }

    /** Starts a reduce's accumulation: a fresh stamp for its carry; returns the enclosing one's (see exitCarry). */
    default long enterCarry() {
        return 0;
    }

    /** Ends a reduce's accumulation, back to the enclosing one's stamp (what enterCarry returned). */
    default void exitCarry(long previous) {
    }

    /**
     * The result a core call built in a temporary (built, given back when the call returns) where it may be kept
     * (not in scratch storage): a collection of the same pairs that anyone may keep, the same unmodifiable one a
     * recent call of this render state made when it holds the same keys and values (see RecentArrays), else a
     * fresh one.
     */
    default Object kept(PhpArray built) {
        return dev.zweig.php.PhpArrays.fresh(built);
    }

    /** An empty PHP array lent until the current call returns. */
    PhpArray temp();

    /**
     * An empty render-private text buffer for a filter's streaming form to build a piece in before writing it
     * out (e.g. to drop it when the filter fails softly): valid until that call returns, never to be kept.
     */
    ScratchText textBuffer();

    /**
     * A String equal to t (a text built in a {@link #textBuffer} for a result that must be a String: it may be
     * kept or reach user code), through the render's cache of recent values: in steady state the same immutable
     * String as the last render's, with no allocation. Strings are immutable: sharing one is safe. When t is the
     * last {@link #textBuffer} taken, it is given back.
     */
    default String string(CharSequence t) {
        return t.toString();
    }

    /** {@link #string(CharSequence)} of the characters from (inclusive) to to (exclusive) of t. */
    default String string(CharSequence t, int from, int to) {
        return t.subSequence(from, to).toString();
    }

    /**
     * The date at epochSecond (+ micros) shown in zone as a ZonedDateTime (a date that must be one: it may be kept or
     * reach user code), through the render's cache of recent dates: in steady state the same immutable object as the
     * last render's, with no allocation.
     */
    default java.time.ZonedDateTime dateTime(long epochSecond, int micros, java.time.ZoneId zone) {
        return java.time.Instant.ofEpochSecond(epochSecond, micros * 1000L).atZone(zone);
    }

    /** v boxed, through the render's cache of recent values. */
    Long box(long v);

    /** v boxed, through the render's cache of recent values. */
    Double box(double v);
}
