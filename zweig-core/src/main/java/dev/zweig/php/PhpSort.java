package dev.zweig.php;

import java.util.Comparator;
import java.util.List;

/**
 * A stable sort that accepts comparators which are not total orders, as PHP's {@code sort()}/{@code usort()} do.
 *
 * <p>PHP's {@code <=>} is not transitive across types (NaN and arrays with different keys are "greater" both
 * ways; "10" &lt; "9a" &lt; "9" but 10 &gt; 9) and user arrow functions can return anything, while
 * {@link List#sort} may throw "Comparison method violates its general contract!" on such input. This is a plain
 * merge sort (insertion sort for short runs): for a consistent comparator its result equals any stable sort's,
 * for an inconsistent one it still finishes with some order and never throws.
 */
public final class PhpSort {
    private PhpSort() {
    }

    private static final int INSERTION_THRESHOLD = 16;

    /** Sorts the list in place, stably, with {@code cmp} (e.g. {@link Values#compareForSort}). */
    @SuppressWarnings("unchecked")
    public static <T> void sort(List<T> list, Comparator<? super T> cmp) {
        int n = list.size();
        if (n < 2) {
            return;
        }
        Object[] a = list.toArray();
        Object[] tmp = new Object[n];
        mergeSort(a, tmp, 0, n, (Comparator<Object>) cmp);
        for (int i = 0; i < n; i++) {
            list.set(i, (T) a[i]);
        }
    }

    private static void mergeSort(Object[] a, Object[] tmp, int from, int to, Comparator<Object> cmp) {
        if (to - from <= INSERTION_THRESHOLD) {
            for (int i = from + 1; i < to; i++) {
                Object x = a[i];
                int j = i - 1;
                while (j >= from && cmp.compare(a[j], x) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, tmp, from, mid, cmp);
        mergeSort(a, tmp, mid, to, cmp);
        if (cmp.compare(a[mid - 1], a[mid]) <= 0) {
            return; // already in order
        }
        System.arraycopy(a, from, tmp, from, to - from);
        int i = from;
        int j = mid;
        int k = from;
        while (i < mid && j < to) {
            // ties go to the left run: equal elements keep their order
            a[k++] = cmp.compare(tmp[i], tmp[j]) <= 0 ? tmp[i++] : tmp[j++];
        }
        while (i < mid) {
            a[k++] = tmp[i++];
        }
        while (j < to) {
            a[k++] = tmp[j++];
        }
    }
}
