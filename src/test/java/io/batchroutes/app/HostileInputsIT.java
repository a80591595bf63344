package io.batchroutes.app;

import io.batchroutes.testsupport.Await;
import io.batchroutes.app.worktype.WorkType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What users drop that DropFilesIT does not: names built to reach a shell (checked everywhere a shell could have
 * run, with the daemon's own folder as its working directory), names at the file system's limit, placeholder-like
 * names, one name in NFC and NFD, truncated MP4s, files that vanish while they are being taken, an unchanged file
 * dropped again, and things no work type takes (logged once, left alone).
 */
class HostileInputsIT {

    private static final Duration DEADLINE = Duration.ofSeconds(40);
    private static final int NAME_MAX_BYTES = 255;

    @TempDir
    static Path home;
    private static JarDaemon daemon;

    @BeforeAll
    static void startDaemon() throws IOException {
        daemon = JarDaemon.start(home, "hostile-inputs", Map.of(), Map.of(
                // A file that vanished is let go after one retry instead of ten (about 75 s).
                "batchroutes.ingest.retries", "1",
                // A result name much longer than its input's.
                "batchroutes.work-types", "ffmpeg,topwords,report",
                "batchroutes.work-type.report.extensions", "rep",
                "batchroutes.work-type.report.command", "cat {input}",
                "batchroutes.work-type.report.outputs", "../stdout.txt",
                "batchroutes.work-type.report.output-name", "{stem}.report-of-the-day.txt",
                "batchroutes.work-type.report.requires", "cat"));
    }

    @AfterAll
    static void stopDaemon() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void namesMadeForAShellAreOnlyNames() throws Exception {
        String marker = "PWNED-" + UUID.randomUUID();
        String touch = "touch " + marker;
        List<String> names = List.of(
                "$(" + touch + ").txt",
                "`" + touch + "`.txt",
                "a; " + touch + "; b.txt",
                "a | " + touch + " | b.txt",
                "a && " + touch + " & b.txt",
                "'; " + touch + "; '.txt",
                "\"; " + touch + "; \".txt",
                "-rf --help " + touch + ".txt",
                "line\n$(" + touch + ")\nbreak.txt",
                "${sys:user.home} ${exception} $HOME.txt");
        for (String name : names) {
            daemon.drop(name, "inert words inert\n");
        }
        Path clip = home.resolve("source-clip.mp4");
        Media.makeMp4(clip, 1);
        String mp4 = "$(" + touch + ") `" + touch + "`; clip.mp4";
        daemon.drop(mp4, Files.readAllBytes(clip));

        Await.until("every hostile name done", DEADLINE, () -> Files.exists(daemon.done(mp4))
                && names.stream().allMatch(n -> Files.exists(daemon.done(n))));

        for (String name : names) {
            assertThat(Files.readString(daemon.output.resolve(WorkType.stem(name) + "_OUTPUT.txt"))).as(name)
                    .isEqualTo("inert 2\nwords 1\n");
        }
        assertThat(daemon.output.resolve(WorkType.stem(mp4) + ".mp3")).exists();
        // Wherever a shell might have run: the daemon's folder (its working directory; the nodes' folders are in
        // it), this test's working directory, the temporary folder, the home folder.
        assertThat(markers(home, marker, Integer.MAX_VALUE)).isEmpty();
        for (String dir : List.of(System.getProperty("user.dir"), System.getProperty("java.io.tmpdir"), System.getProperty("user.home"))) {
            assertThat(markers(Path.of(dir), marker, 1)).as(dir).isEmpty();
        }
    }

    @Test
    void aResultNameTooLongForTheFileSystemIsShortened() throws Exception {
        // 244 bytes each: the input fits (with Camel's read-lock marker, <name>.camelLock), its result name would not.
        String ascii = "r".repeat(240) + ".rep";
        String accented = "\u00e9".repeat(120) + ".rep";
        for (String name : List.of(ascii, accented)) {
            assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSize(244);
            daemon.drop(name, "long long name\n");
        }

        Await.until("both long names done", DEADLINE, () -> Files.exists(daemon.done(ascii)) && Files.exists(daemon.done(accented)));

        for (String name : List.of(ascii, accented)) {
            assertResultFits(name, ".report-of-the-day.txt", "long long name\n");
        }
    }

    @Test
    void namesOfTheFileSystemsFullLengthAreTaken() throws Exception {
        String ascii = "n".repeat(NAME_MAX_BYTES - ".txt".length()) + ".txt";
        String accented = "\u00e9".repeat(125) + "x.txt"; // 2 bytes each in UTF-8: 255 bytes
        for (String name : List.of(ascii, accented)) {
            assertThat(name.getBytes(StandardCharsets.UTF_8)).hasSize(NAME_MAX_BYTES);
            daemon.drop(name, "long long name\n");
        }

        Await.until("both long names done", DEADLINE, () -> Files.exists(daemon.done(ascii)) && Files.exists(daemon.done(accented)));

        for (String name : List.of(ascii, accented)) {
            assertResultFits(name, "_OUTPUT.txt", "long 2\nname 1\n");
        }
    }

    /** One result, named after the beginning of the input's stem, within the file system's limit. */
    private static void assertResultFits(String input, String suffix, String content) throws IOException {
        String prefix = WorkType.stem(input).substring(0, 100);
        // Another test's input may share the first 100 characters: tell them apart by the work type's suffix too.
        List<String> results = list(daemon.output).stream().filter(n -> n.startsWith(prefix) && n.endsWith(suffix))
                .toList();
        assertThat(results).as("the result of %s", input).hasSize(1);
        assertThat(results.get(0).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(NAME_MAX_BYTES);
        assertThat(Files.readString(daemon.output.resolve(results.get(0)))).isEqualTo(content);
    }

    @Test
    void placeholderLikeNamesAreNotExpanded() throws Exception {
        List<String> names = List.of("{name}.txt", "{stem}.txt", "{input}.txt", "{name}{stem}.txt");
        for (String name : names) {
            daemon.drop(name, "curly\n");
        }

        Await.until("every placeholder-like name done", DEADLINE, () -> names.stream().allMatch(n -> Files.exists(daemon.done(n))));

        for (String name : names) {
            assertThat(Files.readString(daemon.output.resolve(WorkType.stem(name) + "_OUTPUT.txt"))).as(name).isEqualTo("curly 1\n");
        }
    }

    @Test
    void oneNameInNfcAndInNfdIsTwoFiles() throws Exception {
        String nfc = Normalizer.normalize("r\u00e9sum\u00e9 twice.txt", Normalizer.Form.NFC);
        String nfd = Normalizer.normalize(nfc, Normalizer.Form.NFD);
        assertThat(nfd).isNotEqualTo(nfc);
        daemon.drop(nfc, "composed\n");
        daemon.drop(nfd, "decomposed decomposed\n");

        Await.until("both spellings done", DEADLINE, () -> Files.exists(daemon.done(nfc)) && Files.exists(daemon.done(nfd)));

        assertThat(Files.readString(daemon.output.resolve(WorkType.stem(nfc) + "_OUTPUT.txt"))).isEqualTo("composed 1\n");
        assertThat(Files.readString(daemon.output.resolve(WorkType.stem(nfd) + "_OUTPUT.txt"))).isEqualTo("decomposed 2\n");
    }

    @Test
    void truncatedMp4sFailWithFfmpegsWordsInsteadOfGivingAShortResult() throws Exception {
        Path clip = home.resolve("source-whole.mp4");
        Media.makeMp4(clip, 3);
        Path streamable = home.resolve("source-streamable.mp4");
        remux(clip, streamable);
        // ffmpeg writes the index (moov) last: cut in half, the file has none. Streamable files have it first:
        // cut in half, the index promises more than there is.
        daemon.drop("cut.mp4", half(clip));
        daemon.drop("cut-streamable.mp4", half(streamable));

        Await.until("both truncated files failed", DEADLINE,
                () -> Files.exists(daemon.reason("cut.mp4")) && Files.exists(daemon.reason("cut-streamable.mp4")));

        assertThat(Files.readString(daemon.reason("cut.mp4"))).contains("exit code: 1").contains("moov atom not found");
        assertThat(Files.readString(daemon.reason("cut-streamable.mp4"))).contains("exit code: 1").contains("end of stderr:");
        assertThat(daemon.failed("cut.mp4")).exists();
        assertThat(daemon.failed("cut-streamable.mp4")).exists();
        assertThat(daemon.output.resolve("cut.mp3")).doesNotExist();
        assertThat(daemon.output.resolve("cut-streamable.mp3")).doesNotExist();
    }

    @Test
    void filesThatVanishWhileTheyAreTakenLeaveNoTrace() throws Exception {
        List<String> kept = new ArrayList<>();
        List<String> vanished = new ArrayList<>();
        String words = "fleeting ".repeat(200_000) + "\n"; // ~1.8 MB: its upload takes a moment
        for (int i = 0; i < 24; i++) {
            String name = "fleeting-" + i + ".txt";
            daemon.drop(name, words);
            // Every other file is taken back after a different moment (60 to 335 ms): before the scan, during the read
            // lock (100 ms), the upload, the claim, or after.
            if (i % 2 == 1) {
                waitAbout(Duration.ofMillis(60 + 25L * (i / 2)));
                (Files.deleteIfExists(daemon.input.resolve(name)) ? vanished : kept).add(name);
            } else {
                kept.add(name);
            }
        }

        // A file that vanishes as its upload opens it is retried inside the storage client for about 45 s before
        // the daemon lets it go: hence the longer deadline.
        Await.until("the kept files done and the daemon idle", Duration.ofSeconds(90), () -> kept.stream().allMatch(n -> Files.exists(daemon.done(n)))
                && daemon.metric("batchroutes_files_inflight") == 0);

        for (String name : kept) {
            assertThat(Files.readString(daemon.output.resolve(WorkType.stem(name) + "_OUTPUT.txt"))).as(name).isEqualTo("fleeting 200000\n");
        }
        for (String name : vanished) {
            assertThat(daemon.reason(name)).as("a reason for %s, which was taken back", name).doesNotExist();
            assertThat(daemon.failed(name)).doesNotExist();
            assertThat(daemon.output.resolve(WorkType.stem(name) + "_OUTPUT.txt")).doesNotExist();
        }
    }

    @Test
    void anUnchangedFileDroppedAgainIsNotRunAgain() throws Exception {
        daemon.drop("again.txt", "once once\n");
        Await.until("again.txt done", DEADLINE, () -> Files.exists(daemon.done("again.txt")));

        // The very same file (name, size, modification time) back in the folder.
        Path copy = home.resolve("again.copy");
        Files.copy(daemon.done("again.txt"), copy, StandardCopyOption.COPY_ATTRIBUTES);
        Files.move(copy, daemon.input.resolve("again.txt"), StandardCopyOption.ATOMIC_MOVE);

        Await.until("again.txt back in done/", DEADLINE, () -> !Files.exists(daemon.input.resolve("again.txt")));
        assertThat(daemon.done("again.txt")).exists();
        assertThat(daemon.count("Staged again.txt as task")).isEqualTo(1);
    }

    @Test
    void whatNoWorkTypeTakesIsLeftAloneAndLoggedOnce() throws Exception {
        daemon.drop("report.docx", "not ours");
        daemon.drop("noextension", "not ours either");
        Files.createDirectories(daemon.input.resolve("folder.txt"));
        Files.writeString(home.resolve("elsewhere.txt"), "private\n");
        Files.createSymbolicLink(daemon.input.resolve("shortcut.txt"), home.resolve("elsewhere.txt"));
        Files.createSymbolicLink(daemon.input.resolve("dangling.txt"), home.resolve("nothing-here.txt"));

        // Two files later, the folder has been scanned many times.
        daemon.drop("canary-1.txt", "tweet\n");
        Await.until("canary-1 done", DEADLINE, () -> Files.exists(daemon.done("canary-1.txt")));
        daemon.drop("canary-2.txt", "tweet\n");
        Await.until("canary-2 done", DEADLINE, () -> Files.exists(daemon.done("canary-2.txt")));

        assertThat(daemon.input.resolve("report.docx")).exists();
        assertThat(daemon.input.resolve("noextension")).exists();
        assertThat(daemon.input.resolve("folder.txt")).isDirectory();
        assertThat(daemon.input.resolve("shortcut.txt")).isSymbolicLink();
        assertThat(daemon.input.resolve("dangling.txt")).isSymbolicLink();
        assertThat(daemon.output.resolve("shortcut_OUTPUT.txt")).doesNotExist();
        assertThat(daemon.output.resolve("dangling_OUTPUT.txt")).doesNotExist();
        for (String name : List.of("report.docx", "noextension", "shortcut.txt")) {
            assertThat(daemon.count("Ignoring " + name + ":")).as("log lines about %s", name).isEqualTo(1);
        }
    }

    @Test
    void aNameThatIsNotUtf8IsReportedOnceAndLeftAlone() throws Exception {
        // Java cannot write such a name; Python writes the bytes as given.
        Process python = new ProcessBuilder("python3", "-c",
                "import sys; open(sys.argv[1].encode() + b'\\xff\\xfe.txt', 'wb').write(b'bytes\\n')",
                daemon.input.resolve("undecodable-").toString()).redirectErrorStream(true).start();
        assertThat(python.waitFor()).as(new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();

        daemon.drop("canary-3.txt", "tweet\n");
        Await.until("canary-3 done", DEADLINE, () -> Files.exists(daemon.done("canary-3.txt")));
        daemon.drop("canary-4.txt", "tweet\n");
        Await.until("canary-4 done", DEADLINE, () -> Files.exists(daemon.done("canary-4.txt")));

        assertThat(daemon.count("Ignoring undecodable-")).as("log lines about it").isEqualTo(1);
        assertThat(daemon.logText()).contains("is not valid in this machine's file name encoding");
        try (Stream<Path> files = Files.list(daemon.input)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("undecodable-"))).hasSize(1);
        }
    }

    /** Files and folders named {@code marker...} under {@code dir}, down to {@code depth}. */
    private static List<Path> markers(Path dir, String marker, int depth) throws IOException {
        try (Stream<Path> all = Files.walk(dir, depth)) {
            return all.filter(p -> p.getFileName() != null && p.getFileName().toString().startsWith(marker)).toList();
        }
    }

    private static List<String> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static byte[] half(Path file) throws IOException {
        byte[] whole = Files.readAllBytes(file);
        return java.util.Arrays.copyOf(whole, whole.length / 2);
    }

    /** The same MP4 with its index first (as for streaming). */
    private static void remux(Path source, Path target) throws IOException, InterruptedException {
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", source.toString(),
                "-c", "copy", "-movflags", "+faststart", "-f", "mp4", target.toString()).redirectErrorStream(true).start();
        String output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(ffmpeg.waitFor()).as(output).isZero();
    }

    /** A pause that is the scenario itself (a user taking a file back after a moment), not a synchronisation. */
    private static void waitAbout(Duration pause) throws InterruptedException {
        Thread.sleep(pause.toMillis());
    }
}
