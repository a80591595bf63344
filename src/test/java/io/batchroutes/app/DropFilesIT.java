package io.batchroutes.app;

import io.batchroutes.testsupport.Await;
import io.batchroutes.app.worktype.WorkType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The product's first promise, end to end on real Azurite, the real emulator and real ffmpeg. */
class DropFilesIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    static Path home;
    private static RunningDaemon daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = RunningDaemon.start(home, Map.of());
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        Await.until("Azurite stopped with the daemon", Duration.ofSeconds(20), () -> ProcessHandle.current().descendants()
                .noneMatch(p -> p.info().commandLine().orElse("").contains("azurite")));
    }

    @Test
    void hostileNamesAreJustNames() throws Exception {
        // Were a name ever interpreted by a shell (on a node or here), it would create MARKER in that shell's folder.
        List<String> names = List.of(
                "$(touch MARKER) 'quoted' \"double\" `touch MARKER`; touch MARKER | y & z.txt",
                "-n leading dash.txt",
                "caf\u00e9 nfc.txt",
                "cafe\u0301 nfd.txt",
                "x".repeat(200) + ".txt",
                "new\nline.txt");
        for (String name : names) {
            daemon.drop(name, "hostile words hostile\n");
        }
        Await.until("every hostile name processed", DEADLINE, () -> names.stream()
                .allMatch(n -> Files.exists(daemon.output.resolve(WorkType.stem(n) + "_OUTPUT.txt"))));
        for (String name : names) {
            assertThat(Files.readString(daemon.output.resolve(WorkType.stem(name) + "_OUTPUT.txt"))).isEqualTo("hostile 2\nwords 1\n");
            assertThat(daemon.done(name)).exists();
        }
        try (var everything = Files.walk(home)) {
            assertThat(everything.filter(p -> p.getFileName().toString().equals("MARKER"))).isEmpty();
        }
    }

    @Test
    void textFilesGiveTheirTopWordsAndMp4sGiveMp3s() throws Exception {
        daemon.drop("alpha.txt", "the cat and the dog and the bird\n");
        daemon.drop("beta.txt", "Zebra zebra ZEBRA yak yak xylophone\nwhale\n");
        daemon.drop("gamma.notes.txt", "one two two three three three four four four four\n");
        Path clip = home.resolve("clip-source.mp4");
        Media.makeMp4(clip, 2);
        daemon.drop(clip, "first clip.mp4");
        Media.makeMp4(clip, 3);
        daemon.drop(clip, "second.take.mp4");

        Path out = daemon.output;
        Await.until("five results", DEADLINE, () -> Files.exists(out.resolve("alpha_OUTPUT.txt"))
                && Files.exists(out.resolve("beta_OUTPUT.txt")) && Files.exists(out.resolve("gamma.notes_OUTPUT.txt"))
                && Files.exists(out.resolve("first clip.mp3")) && Files.exists(out.resolve("second.take.mp3")));

        assertThat(Files.readString(out.resolve("alpha_OUTPUT.txt"))).isEqualTo("the 3\nand 2\nbird 1\n");
        assertThat(Files.readString(out.resolve("beta_OUTPUT.txt"))).isEqualTo("zebra 3\nyak 2\nwhale 1\n");
        assertThat(Files.readString(out.resolve("gamma.notes_OUTPUT.txt"))).isEqualTo("four 4\nthree 3\ntwo 2\n");
        assertAudio(out.resolve("first clip.mp3"), 2.0);
        assertAudio(out.resolve("second.take.mp3"), 3.0);

        Await.until("inputs moved to done/", DEADLINE, () -> Files.exists(daemon.done("alpha.txt"))
                && Files.exists(daemon.done("first clip.mp4")) && Files.exists(daemon.done("second.take.mp4")));
        assertThat(daemon.input.resolve("alpha.txt")).doesNotExist();
    }

    @Test
    void aCorruptMp4FailsWithAReason() throws Exception {
        daemon.drop("broken.mp4", "this is not a video at all");

        Await.until("broken.mp4 failed with a reason", DEADLINE,
                () -> Files.exists(daemon.reason("broken.mp4")) && Files.exists(daemon.failed("broken.mp4")));

        String reason = Files.readString(daemon.reason("broken.mp4"));
        assertThat(reason).contains("The task failed").contains("exit code: ").doesNotContain("exit code: 0\n")
                .contains("end of stderr:");
        assertThat(daemon.output.resolve("broken.mp3")).doesNotExist();
    }

    @Test
    void filesNoWorkTypeTakesAreLeftAlone() throws Exception {
        daemon.drop("notes.docx", "not for us");
        daemon.drop("ok.txt", "fine fine\n");
        Await.until("ok.txt processed", DEADLINE, () -> Files.exists(daemon.output.resolve("ok_OUTPUT.txt")));
        assertThat(daemon.input.resolve("notes.docx")).exists();
    }

    @Test
    void oddInputsEndWithAResultOrAReason() throws Exception {
        daemon.drop("empty.txt", "");
        daemon.drop("empty.mp4", "");
        Files.write(home.resolve("latin1.src"), "caf\u00e9 caf\u00e9 na\u00efve\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        daemon.drop(home.resolve("latin1.src"), "latin1.txt");
        Files.createDirectories(daemon.input.resolve("a folder.txt"));
        Files.writeString(home.resolve("secret.txt"), "not yours\n");
        Files.createSymbolicLink(daemon.input.resolve("link.txt"), home.resolve("secret.txt"));

        Await.until("odd inputs settled", DEADLINE, () -> Files.exists(daemon.output.resolve("empty_OUTPUT.txt"))
                && Files.exists(daemon.reason("empty.mp4")) && Files.exists(daemon.output.resolve("latin1_OUTPUT.txt")));

        assertThat(Files.readString(daemon.output.resolve("empty_OUTPUT.txt"))).isEmpty();
        assertThat(Files.readString(daemon.output.resolve("latin1_OUTPUT.txt"))).isEqualTo("caf\u00e9 2\nna\u00efve 1\n");
        assertThat(daemon.input.resolve("a folder.txt")).isDirectory();
        assertThat(daemon.input.resolve("link.txt")).isSymbolicLink();
        assertThat(daemon.output.resolve("link_OUTPUT.txt")).doesNotExist();
    }

    @Test
    void aFileReplacedWithNewContentRunsAgain() throws Exception {
        daemon.drop("again.txt", "first first\n");
        Path result = daemon.output.resolve("again_OUTPUT.txt");
        Await.until("first result", DEADLINE, () -> Files.exists(daemon.done("again.txt")) && Files.exists(result));
        assertThat(Files.readString(result)).isEqualTo("first 2\n");

        daemon.drop("again.txt", "second second second\n");
        Await.until("second result", DEADLINE, () -> {
            try {
                return Files.readString(result).equals("second 3\n") && Files.exists(daemon.done("again.txt"));
            } catch (java.io.IOException e) {
                return false;
            }
        });
    }

    private static void assertAudio(Path mp3, double seconds) throws Exception {
        String[] probe = Media.probeAudio(mp3).split(" ");
        assertThat(probe[0]).isEqualTo("mp3");
        assertThat(Double.parseDouble(probe[1])).isCloseTo(seconds, org.assertj.core.data.Offset.offset(0.15));
    }
}
