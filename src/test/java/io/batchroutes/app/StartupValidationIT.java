package io.batchroutes.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A bad work type stops the real jar at start with one clear line and a non-zero exit, before any file is touched. */
class StartupValidationIT {

    @TempDir
    Path home;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown placeholder | batchroutes.work-type.ffmpeg.command=ffmpeg -i {inptu} result.mp3 | unknown placeholder {inptu} in command",
            "two types claim .mp4 | batchroutes.work-type.topwords.extensions=txt,mp4 | Work types 'ffmpeg' and 'topwords' both claim .mp4 files",
            "missing local tool | batchroutes.work-type.ffmpeg.requires=no-such-tool-xyz | requires 'no-such-tool-xyz', which is not on this machine's PATH",
            "output escapes | batchroutes.work-type.ffmpeg.outputs=../../elsewhere.mp3 | output '../../elsewhere.mp3' must stay inside the task's working directory",
            "output name is a path | batchroutes.work-type.ffmpeg.output-name=../{stem}.mp3 | output-name must be a plain file name",
            "input inside a -c script | batchroutes.work-type.ffmpeg.command=/bin/sh -ec \"ffmpeg -i {input} result.mp3\" | {input} inside the script of -ec would be run as code; pass it as an argument after the script and read it as \"$1\""})
    void refusesToStart(String problem, String setting, String expected) throws Exception {
        Path input = Files.createDirectories(home.resolve("InputFiles"));
        Files.writeString(input.resolve("waiting.mp4"), "untouched");
        int equals = setting.indexOf('=');

        TheJar.Result result = TheJar.run(home, Map.of(), List.of("-D" + setting.substring(0, equals) + "=" + setting.substring(equals + 1)));

        assertThat(result.exitCode()).as(result.output()).isEqualTo(2);
        assertThat(result.output().lines().filter(l -> l.startsWith("batch-routes: cannot start: ")))
                .singleElement().asString().contains(expected);
        assertThat(Files.readString(input.resolve("waiting.mp4"))).isEqualTo("untouched");
        assertThat(input.resolve("processing")).doesNotExist();
        assertThat(home.resolve(".batch-routes")).doesNotExist();
    }
}
