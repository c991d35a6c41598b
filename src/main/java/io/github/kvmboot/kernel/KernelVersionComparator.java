package io.github.kvmboot.kernel;

import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * Orders kernel releases like dpkg orders versions: digit runs compare as numbers
 * ({@code 6.1.0-56} < {@code 6.1.0-100} < {@code 6.10.0}), other characters compare with letters
 * before punctuation, and a longer release with the same prefix is newer ({@code 6.1.0} <
 * {@code 6.1.0-1}). Like dpkg's tilde, a release candidate {@code -rcN} sorts before its release:
 * {@code 6.2.0-rc7} < {@code 6.2.0}. Releases dpkg would call equal ({@code 6.1.01}, {@code 6.1.1})
 * fall back to plain string order, so the order is total and sorting is deterministic.
 */
public final class KernelVersionComparator implements Comparator<String> {

    private static final Pattern RELEASE_CANDIDATE = Pattern.compile("-rc(?=[0-9])");

    @Override
    public int compare(String left, String right) {
        int byVersion = compareDpkgStyle(asDpkgVersion(left), asDpkgVersion(right));
        return byVersion != 0 ? Integer.signum(byVersion) : Integer.signum(left.compareTo(right));
    }

    private static String asDpkgVersion(String release) {
        return RELEASE_CANDIDATE.matcher(release).replaceAll("~rc");
    }

    /** dpkg's verrevcmp: alternating non-digit and digit runs. */
    private static int compareDpkgStyle(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() || j < b.length()) {
            while ((i < a.length() && !isDigit(a.charAt(i))) || (j < b.length() && !isDigit(b.charAt(j)))) {
                int orderA = order(a, i);
                int orderB = order(b, j);
                if (orderA != orderB) {
                    return orderA - orderB;
                }
                i++;
                j++;
            }
            while (i < a.length() && a.charAt(i) == '0') {
                i++;
            }
            while (j < b.length() && b.charAt(j) == '0') {
                j++;
            }
            int firstDifference = 0;
            while (i < a.length() && j < b.length() && isDigit(a.charAt(i)) && isDigit(b.charAt(j))) {
                if (firstDifference == 0) {
                    firstDifference = a.charAt(i) - b.charAt(j);
                }
                i++;
                j++;
            }
            if (i < a.length() && isDigit(a.charAt(i))) {
                return 1;
            }
            if (j < b.length() && isDigit(b.charAt(j))) {
                return -1;
            }
            if (firstDifference != 0) {
                return firstDifference;
            }
        }
        return 0;
    }

    /** dpkg's character weight: end of string and digits 0, '~' lowest, letters, then other characters. */
    private static int order(String s, int index) {
        if (index >= s.length()) {
            return 0;
        }
        char c = s.charAt(index);
        if (isDigit(c)) {
            return 0;
        }
        if (isLetter(c)) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c + 256;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
