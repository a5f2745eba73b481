package dev.zweig.runtime;

/**
 * Small memo arrays a core filter keeps for the duration of one render (the current time, the last few date
 * conversions), owned by the render state that runs it: reused by the next render of that state without a
 * ThreadLocal; memos that hold request data (DATES) are emptied when the render ends so none stays behind.
 * Internal: core filters only.
 */
public interface RenderMemo {
    /** Memo for the current time (index of {@link #memo}). */
    int NOW = 0;
    /** Memo for recent date conversions. */
    int DATES = 1;
    /**
     * Working space of one filter call, reused by the next: a filter empties what it put there before it returns,
     * failing or not (a helper object it keeps there holds nothing of the call afterwards).
     */
    int CALL = 2;

    /** The memo array of a kind, of the given size (DATES: empty at the start of every render). */
    Object[] memo(int kind, int size);
}
