package io.batchroutes.app;

import io.batchroutes.testsupport.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** A node without a program a work type needs: files fail with the start task's explanation, nothing hangs. */
class StartTaskFailureIT {

    @TempDir
    Path home;

    @Test
    void aMissingProgramFailsTheWaitingFilesWithTheStartTasksWords() throws Exception {
        try (RunningDaemon daemon = RunningDaemon.start(home,
                Map.of("batchroutes.work-type.ffmpeg.requires", "ffmpeg-that-is-not-installed", "batchroutes.local.check-tools", "false"))) {
            daemon.drop("waiting.txt", "words words\n");

            Await.until("waiting.txt failed", Duration.ofSeconds(90), () -> Files.exists(daemon.reason("waiting.txt")));

            assertThat(Files.readString(daemon.reason("waiting.txt")))
                    .contains("start task failed")
                    .contains("ffmpeg-that-is-not-installed is not installed on this node");
        }
    }
}
