package org.sigmma.ingest.neighbours;

/** A stable merge sort of int indices under a comparator, with no boxing. */
final class IndexSort {

    /** Compares two indices. */
    @FunctionalInterface
    interface IndexComparator {
        int compare(int a, int b);
    }

    private IndexSort() {
    }

    static void sort(int[] a, int from, int to, IndexComparator c) {
        if (to - from < 2) {
            return;
        }
        int[] buf = new int[to - from];
        sort(a, from, to, c, buf);
    }

    private static void sort(int[] a, int from, int to, IndexComparator c, int[] buf) {
        int len = to - from;
        if (len <= 24) {
            for (int i = from + 1; i < to; i++) {
                int v = a[i];
                int j = i - 1;
                while (j >= from && c.compare(a[j], v) > 0) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        sort(a, from, mid, c, buf);
        sort(a, mid, to, c, buf);
        if (c.compare(a[mid - 1], a[mid]) <= 0) {
            return;
        }
        System.arraycopy(a, from, buf, 0, len);
        int i = 0, iEnd = mid - from, j = iEnd, k = from;
        while (i < iEnd && j < len) {
            a[k++] = c.compare(buf[j], buf[i]) < 0 ? buf[j++] : buf[i++];
        }
        while (i < iEnd) {
            a[k++] = buf[i++];
        }
        while (j < len) {
            a[k++] = buf[j++];
        }
    }
}
