package io.batchroutes.emulator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandLineSplitterTest {
    @Test
    void splitsOnUnquotedWhitespace() {
        assertThat(CommandLineSplitter.split("  ffmpeg  -i\tin.mp4\nout.mp4 ")).containsExactly("ffmpeg", "-i", "in.mp4", "out.mp4");
        assertThat(CommandLineSplitter.split("")).isEmpty();
    }

    @Test
    void singleQuotesAreLiteral() {
        assertThat(CommandLineSplitter.split("/bin/sh -c 'echo \"hi\" $X \\n; exit 3'"))
                .containsExactly("/bin/sh", "-c", "echo \"hi\" $X \\n; exit 3");
    }

    @Test
    void doubleQuotesHonourOnlyPosixEscapes() {
        assertThat(CommandLineSplitter.split("echo \"a \\\"b\\\" \\$c \\\\ \\n `d`\""))
                .containsExactly("echo", "a \"b\" $c \\ \\n `d`");
    }

    @Test
    void backslashOutsideQuotesEscapesTheNextCharacter() {
        assertThat(CommandLineSplitter.split("a\\ b c\\'d \\\\")).containsExactly("a b", "c'd", "\\");
    }

    @Test
    void adjacentPartsJoinAndEmptyQuotesMakeEmptyWords() {
        assertThat(CommandLineSplitter.split("pre'mid'\"post\" '' \"\""))
                .containsExactly("premidpost", "", "");
    }

    @Test
    void nothingIsExpandedOrSubstituted() {
        assertThat(CommandLineSplitter.split("echo $(rm -rf /) `id` $HOME * ~ ; | > x"))
                .containsExactly("echo", "$(rm", "-rf", "/)", "`id`", "$HOME", "*", "~", ";", "|", ">", "x");
    }

    @Test
    void unterminatedQuotesAreErrors() {
        assertThatThrownBy(() -> CommandLineSplitter.split("echo 'oops")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandLineSplitter.split("echo \"oops")).isInstanceOf(IllegalArgumentException.class);
    }
}
