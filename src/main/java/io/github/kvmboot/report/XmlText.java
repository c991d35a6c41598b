package io.github.kvmboot.report;

/** Makes arbitrary console text storable in XML 1.0. */
final class XmlText {

    private XmlText() {
    }

    /**
     * Removes the characters XML 1.0 cannot hold at all, even escaped: control characters other
     * than tab, newline and carriage return, unpaired surrogates, U+FFFE and U+FFFF.
     */
    static String clean(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int width = Character.charCount(cp);
            if (!allowed(cp)) {
                if (out == null) {
                    out = new StringBuilder(text.length()).append(text, 0, i);
                }
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += width;
        }
        return out == null ? text : out.toString();
    }

    private static boolean allowed(int cp) {
        return cp == 0x9 || cp == 0xA || cp == 0xD
                || (cp >= 0x20 && cp <= 0xD7FF)
                || (cp >= 0xE000 && cp <= 0xFFFD)
                || (cp >= 0x10000 && cp <= 0x10FFFF);
    }
}
