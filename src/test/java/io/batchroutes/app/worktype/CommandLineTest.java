package io.batchroutes.app.worktype;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

    @Test
    void splitsLikeAPosixShellWithoutExpanding() {
        assertThat(CommandLine.split("ffmpeg -i  input.mp4 'a b' \"c \\\"d\\\"\" e\\ f $HOME `x` $(y)"))
                .containsExactly("ffmpeg", "-i", "input.mp4", "a b", "c \"d\"", "e f", "$HOME", "`x`", "$(y)");
    }

    @Test
    void keepsEmptyQuotedArguments() {
        assertThat(CommandLine.split("a '' b")).containsExactly("a", "", "b");
    }

    @Test
    void rejectsUnterminatedQuotes() {
        assertThatThrownBy(() -> CommandLine.split("a 'b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CommandLine.split("a \"b")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "with space", "it's", "$(touch /tmp/pwned)", "`id`", "a;b|c&d", "-leading", "new\nline",
            "\"quoted\"", "back\\slash", "ünïcödé", "*?[glob]", "", "'", "''"})
    void joinThenSplitGivesBackEveryArgument(String hostile) {
        List<String> argv = List.of("/bin/sh", "-c", "exec printf %s \"$1\"", "sh", hostile);
        assertThat(CommandLine.split(CommandLine.join(argv))).isEqualTo(argv);
    }

    @Test
    void leavesSafeArgumentsUnquoted() {
        assertThat(CommandLine.join(List.of("ffmpeg", "-i", "input.mp4", "result.mp3"))).isEqualTo("ffmpeg -i input.mp4 result.mp3");
    }
}
