package dev.meshmall.platform.text;

import dev.meshmall.platform.error.DomainError;
import dev.meshmall.platform.error.ErrorKind;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TextsTest {

    @Test
    void aFieldIsTrimmedAndCountedInCharactersNotBytesOrUtf16Units() {
        String emoji = "\uD83D\uDE00";

        assertThat(Texts.required("name", "  Ada  ", 3), is("Ada"));
        assertThat(Texts.optional("name", emoji.repeat(3), 3), is(emoji.repeat(3)));
        assertThat(Texts.length(emoji + "é"), is(2));
        assertThat(refused(() -> Texts.optional("name", "Ada!", 3)).detail(), is("name is longer than 3 characters"));
    }

    @Test
    void blankIsEmptyWhenOptionalAndRefusedWhenRequired() {
        assertThat(Texts.optional("phone", " \t ", 20), is(""));
        assertThat(refused(() -> Texts.required("city", "   ", 20)).detail(), is("city is required"));
    }

    @Test
    void oneLineRefusesLineBreaksAndControlCharactersParagraphsKeepLineBreaks() {
        String twoLines = "first line\nsecond\tline";

        assertThat(refused(() -> Texts.optional("name", twoLines, 100)).detail(), is("name contains control characters"));
        assertThat(Texts.paragraphs("description", twoLines, 100), is(twoLines));
        assertThat(refused(() -> Texts.paragraphs("description", "bell\u0007", 100)).detail(),
                is("description contains control characters"));
        assertThat(Texts.isPrintable("broken \uD83D surrogate"), is(false));
    }

    private static DomainError refused(Runnable check) {
        DomainError error = assertThrows(DomainError.class, check::run);
        assertThat(error.kind(), is(ErrorKind.INVALID));
        return error;
    }
}
