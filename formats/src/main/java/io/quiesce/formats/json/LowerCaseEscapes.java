package io.quiesce.formats.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Jackson's standard escapes, except that control characters without a short escape are written
 * with lower-case hex digits ({@code \u001b}), as Quiesce has always written them: exported
 * histories and outputs stay byte for byte what they were.
 */
final class LowerCaseEscapes extends CharacterEscapes {
    static final LowerCaseEscapes INSTANCE = new LowerCaseEscapes();
    private static final long serialVersionUID = 1L;

    private final int[] ascii = standardAsciiEscapesForJSON();

    private LowerCaseEscapes() {
        for (int c = 0; c < 0x20; c++) {
            if (ascii[c] == ESCAPE_STANDARD) {
                ascii[c] = ESCAPE_CUSTOM;
            }
        }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        // asked about every non-ASCII char too: those are written as they are
        return ch < 0x20 ? new SerializedString(String.format("\\u%04x", ch)) : null;
    }
}
