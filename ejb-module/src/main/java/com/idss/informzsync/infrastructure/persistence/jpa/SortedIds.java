package com.idss.informzsync.infrastructure.persistence.jpa;

import java.util.Arrays;
import java.util.List;

/** Set operations on strictly ascending int arrays, in one linear pass each. */
final class SortedIds {

    private SortedIds() {
    }

    static int[] union(List<int[]> sources) {
        int[] result = new int[0];
        for (int[] source : sources) {
            result = union(result, source);
        }
        return result;
    }

    static int[] union(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length && j < b.length) {
            if (a[i] < b[j]) {
                out[n++] = a[i++];
            } else if (a[i] > b[j]) {
                out[n++] = b[j++];
            } else {
                out[n++] = a[i++];
                j++;
            }
        }
        while (i < a.length) {
            out[n++] = a[i++];
        }
        while (j < b.length) {
            out[n++] = b[j++];
        }
        return Arrays.copyOf(out, n);
    }

    /** Elements of {@code a} not in {@code b}. */
    static int[] difference(int[] a, int[] b) {
        int[] out = new int[a.length];
        int j = 0;
        int n = 0;
        for (int value : a) {
            while (j < b.length && b[j] < value) {
                j++;
            }
            if (j == b.length || b[j] != value) {
                out[n++] = value;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
