package io.batchroutes.app.worktype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import io.batchroutes.emulator.node.CommandLineSplitter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The daemon writes command lines ({@link CommandLine}) that the emulator's node agent splits
 * ({@link CommandLineSplitter}); both follow POSIX word splitting. If they disagreed, a task would run with other
 * arguments than the work type says. One table of cases for both.
 */
class CommandLineParsersAgreeTest {

    static Stream<Arguments> lines() {
        return Stream.of(
                Arguments.of("ffmpeg -i input.mp4 result.mp3", List.of("ffmpeg", "-i", "input.mp4", "result.mp3")),
                Arguments.of("  a \t b  ", List.of("a", "b")),
                Arguments.of("a\nb", List.of("a", "b")),
                Arguments.of("'a b' c", List.of("a b", "c")),
                Arguments.of("a '' b", List.of("a", "", "b")),
                Arguments.of("\"\"", List.of("")),
                Arguments.of("'it'\\''s'", List.of("it's")),
                Arguments.of("\"say \\\"hi\\\"\"", List.of("say \"hi\"")),
                Arguments.of("\"\\$HOME \\` \\\\ \\n\"", List.of("$HOME ` \\ \\n")),
                Arguments.of("'\\n $x \"'", List.of("\\n $x \"")),
                Arguments.of("a\\ b c\\'d", List.of("a b", "c'd")),
                Arguments.of("$HOME `x` $(y) ; | > *", List.of("$HOME", "`x`", "$(y)", ";", "|", ">", "*")),
                Arguments.of("pre'mid'\"post\"", List.of("premidpost")),
                Arguments.of("/bin/sh -c 'tr a-z A-Z < \"$1\" > result.md' shout input.txt",
                        List.of("/bin/sh", "-c", "tr a-z A-Z < \"$1\" > result.md", "shout", "input.txt")),
                Arguments.of("'multi\nline' x", List.of("multi\nline", "x")),
                Arguments.of("", List.of()));
    }

    @ParameterizedTest
    @MethodSource("lines")
    void bothSplitAlike(String line, List<String> argv) {
        assertThat(CommandLine.split(line)).as("app CommandLine").isEqualTo(argv);
        assertThat(CommandLineSplitter.split(line)).as("emulator CommandLineSplitter").isEqualTo(argv);
    }

    @ParameterizedTest
    @MethodSource("lines")
    void whatTheDaemonJoinsTheNodeSplitsBack(String line, List<String> argv) {
        assertThat(CommandLineSplitter.split(CommandLine.join(argv))).isEqualTo(argv);
    }

    @ParameterizedTest
    @MethodSource("unterminated")
    void bothRefuseAnUnterminatedQuote(String line) {
        assertThatThrownBy(() -> CommandLine.split(line)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandLineSplitter.split(line)).isInstanceOf(IllegalArgumentException.class);
    }

    static Stream<String> unterminated() {
        return Stream.of("a 'b", "a \"b", "\"a\\\"");
    }
}
