package dev.zweig.runtime;

/**
 * Small memo arrays a core filter keeps for the duration of one render (the current time, a call's working space),
 * owned by the render state that runs it: reused by the next render of that state without a ThreadLocal.
 * Internal: core filters only.
 */
public interface RenderMemo {
    /** Memo for the current time (index of {@link #memo}). */
    int NOW = 0;
    /**
     * Working space of one filter call, reused by the next: a filter empties what it put there before it returns,
     * failing or not (a helper object it keeps there holds nothing of the call afterwards).
     */
    int CALL = 1;

    /** The memo array of a kind, of the given size. */
    Object[] memo(int kind, int size);
}
