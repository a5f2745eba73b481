package dev.zweig.php;

import java.util.Comparator;
import java.util.List;

/**
 * PHP's array sort, step for step: {@code zend_sort} (Zend/zend_sort.c, PHP 7+: insertion sort up to 16 elements,
 * above that a quicksort whose pivot is the median of 3, or of 5 from 1024 elements on) over a comparison made
 * stable the way PHP 8's {@code zend_hash_sort_ex} makes it (ext/standard/array.c {@code RETURN_STABLE_SORT}): when
 * the order says 0, the element that came first stays first.
 *
 * <p>Why the exact algorithm and not any stable sort: PHP's {@code <=>} is no total order across types ("10" &lt;
 * "9a" &lt; "9" but 10 &gt; 9; arrays with different keys are "greater" both ways), and arrow functions may return
 * anything. For such an order every algorithm gives its own result; {@code ['10', '9', '2b']|sort} is
 * {@code 2b, 9, 10} in PHP only because of the comparisons zend_sort happens to make. For a total order the
 * result is the one of any stable sort. It sorts in place and never throws on an inconsistent order (nor
 * allocates: the caller supplies comparison and swap by position).
 */
public final class PhpSort {
    private PhpSort() {
    }

    /** What zend_sort works on: positions it compares and swaps. */
    public interface Positions {
        /** Whether the element at {@code i} goes after the one at {@code j} (PHP's {@code cmp(i, j) > 0}). */
        boolean after(int i, int j);

        /** Swaps the elements at {@code i} and {@code j}. */
        void swap(int i, int j);
    }

    /** Sorts the list in place as PHP sorts an array's values (usort with {@code cmp}, stable). */
    @SuppressWarnings("unchecked")
    public static <T> void sort(List<T> list, Comparator<? super T> cmp) {
        int n = list.size();
        if (n < 2) {
            return;
        }
        PhpArray a = new PhpArray(n);
        for (T t : list) {
            a.append(t);
        }
        a.sortByValue((Comparator<Object>) cmp);
        for (int i = 0; i < n; i++) {
            list.set(i, (T) a.valueAt(i));
        }
    }

    /**
     * PHP 8's stable fallback: an order's 0 between two elements becomes the order of their original positions
     * ({@code origin}, moved along with the elements by the caller's swap).
     */
    public static int stable(int order, int[] origin, int i, int j) {
        return order != 0 ? order : Integer.compare(origin[i], origin[j]);
    }

    /** zend_sort over the {@code n} positions from {@code base}. */
    public static void sort(Positions s, int base, int n) {
        while (true) {
            if (n <= 16) {
                insertSort(s, base, n);
                return;
            }
            int start = base;
            int end = base + n;
            int offset = n >> 1;
            int pivot = start + offset;
            if ((n >> 10) != 0) {
                int delta = offset >> 1;
                sort5(s, start, start + delta, pivot, pivot + delta, end - 1);
            } else {
                sort3(s, start, pivot, end - 1);
            }
            s.swap(start + 1, pivot);
            pivot = start + 1;
            int i = pivot + 1;
            int j = end - 1;
            partition:
            while (true) {
                while (s.after(pivot, i)) {
                    i++;
                    if (i == j) {
                        break partition;
                    }
                }
                j--;
                if (j == i) {
                    break;
                }
                while (s.after(j, pivot)) {
                    j--;
                    if (j == i) {
                        break partition;
                    }
                }
                s.swap(i, j);
                i++;
                if (i == j) {
                    break;
                }
            }
            s.swap(pivot, i - 1);
            if ((i - 1) - start < end - i) {
                sort(s, start, i - start - 1);
                base = i;
                n = end - i;
            } else {
                sort(s, i, end - i);
                n = i - start - 1;
            }
        }
    }

    private static void sort2(Positions s, int a, int b) {
        if (s.after(a, b)) {
            s.swap(a, b);
        }
    }

    private static void sort3(Positions s, int a, int b, int c) {
        if (!s.after(a, b)) {
            if (!s.after(b, c)) {
                return;
            }
            s.swap(b, c);
            if (s.after(a, b)) {
                s.swap(a, b);
            }
            return;
        }
        if (!s.after(c, b)) {
            s.swap(a, c);
            return;
        }
        s.swap(a, b);
        if (s.after(b, c)) {
            s.swap(b, c);
        }
    }

    private static void sort4(Positions s, int a, int b, int c, int d) {
        sort3(s, a, b, c);
        sink(s, a, b, c, d);
    }

    private static void sort5(Positions s, int a, int b, int c, int d, int e) {
        sort4(s, a, b, c, d);
        if (s.after(d, e)) {
            s.swap(d, e);
            sink(s, a, b, c, d);
        }
    }

    /** The last of a, b, c, d down to its place, the first three in order (the tail of zend_sort_4 and _5). */
    private static void sink(Positions s, int a, int b, int c, int d) {
        if (s.after(c, d)) {
            s.swap(c, d);
            if (s.after(b, c)) {
                s.swap(b, c);
                if (s.after(a, b)) {
                    s.swap(a, b);
                }
            }
        }
    }

    /** zend_insert_sort: fixed networks up to 5 elements, then insertion that steps back two at a time. */
    private static void insertSort(Positions s, int start, int n) {
        switch (n) {
            case 0:
            case 1:
                return;
            case 2:
                sort2(s, start, start + 1);
                return;
            case 3:
                sort3(s, start, start + 1, start + 2);
                return;
            case 4:
                sort4(s, start, start + 1, start + 2, start + 3);
                return;
            case 5:
                sort5(s, start, start + 1, start + 2, start + 3, start + 4);
                return;
            default:
                break;
        }
        int end = start + n;
        int sentry = start + 6;
        for (int i = start + 1; i < sentry; i++) {
            int j = i - 1;
            if (!s.after(j, i)) {
                continue;
            }
            while (j != start) {
                j--;
                if (!s.after(j, i)) {
                    j++;
                    break;
                }
            }
            for (int k = i; k > j; k--) {
                s.swap(k, k - 1);
            }
        }
        for (int i = sentry; i < end; i++) {
            int j = i - 1;
            if (!s.after(j, i)) {
                continue;
            }
            while (true) {
                j -= 2;
                if (!s.after(j, i)) {
                    j++;
                    if (!s.after(j, i)) {
                        j++;
                    }
                    break;
                }
                if (j == start) {
                    break;
                }
                if (j == start + 1) {
                    j--;
                    if (s.after(i, j)) {
                        j++;
                    }
                    break;
                }
            }
            for (int k = i; k > j; k--) {
                s.swap(k, k - 1);
            }
        }
    }
}
