package io.batchroutes.app.batch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.batchroutes.app.folder.InputFolder;
import io.batchroutes.app.staging.BlobLayout;
import io.batchroutes.app.staging.ResultFile;
import io.batchroutes.app.worktype.WorkTypes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class BundleArchivesTest {

    @TempDir
    Path home;

    private BundleManifests manifests;
    private BundleArchives archives;
    private String bundleId;

    @BeforeEach
    void setUp() throws IOException {
        Map<String, String> p = Map.of("batchroutes.work-types", "words",
                "batchroutes.work-type.words.extensions", "txt",
                "batchroutes.work-type.words.command", "run {input}",
                "batchroutes.work-type.words.outputs", "result.txt",
                "batchroutes.work-type.words.output-name", "{stem}.out",
                "batchroutes.work-type.words.bundle.command", "run {input} {archive} {dirs}",
                "batchroutes.work-type.words.bundle.archive", "packed.zip");
        manifests = new BundleManifests(new InputFolder(home));
        archives = new BundleArchives(manifests, WorkTypes.fromProperties(k -> Optional.ofNullable(p.get(k))), null);
        bundleId = TaskIdentity.bundleId(List.of("f-1", "f-2", "f-3"));
        manifests.write(new BundleManifests.Manifest(bundleId, "words", List.of(new StagedFile("f-1", "a.txt", 1),
                new StagedFile("f-2", "b.txt", 1), new StagedFile("f-3", "c.txt", 1))));
    }

    @Test
    void eachFileReadsItsOwnEntriesOnlyByTheNamesTheDaemonExpects() throws Exception {
        assertThat(archives.expected(bundleId)).isTrue();
        assertThat(archives.blobName(bundleId)).isEqualTo("f-1/packed.zip");
        byte[] zip = zip(true, Map.of("0/result.txt", "a 1\n", "1/reason.txt", "cannot read b\n",
                "../../escape.txt", "never written", "2/other.txt", "not an output"));

        assertThat(archives.keep(bundleId, new ByteArrayInputStream(zip))).isEqualTo(BundleArchives.READY);

        assertThat(read(archives.result(bundleId, 0, result("f-1")))).isEqualTo("a 1\n");
        assertThat(archives.result(bundleId, 1, result("f-2"))).isNull();
        assertThat(new String(archives.reason(bundleId, 1), StandardCharsets.UTF_8)).isEqualTo("cannot read b\n");
        assertThat(archives.result(bundleId, 2, result("f-3"))).isNull();
        assertThat(archives.reason(bundleId, 2)).isNull();
        assertThat(home.getParent().resolve("escape.txt")).doesNotExist();
        assertThat(copies()).hasSize(1);

        archives.release(bundleId);
        assertThat(copies()).isEmpty();
    }

    @Test
    void aMissingArchiveNoZipOrACompressedEntryIsUnusableAndLeavesNothing() throws Exception {
        assertThat(archives.keep(bundleId, null)).isEqualTo(BundleArchives.UNUSABLE);
        assertThat(archives.keep(bundleId, new ByteArrayInputStream("no zip at all".getBytes()))).isEqualTo(BundleArchives.UNUSABLE);
        assertThat(archives.keep(bundleId, new ByteArrayInputStream(zip(false, Map.of("0/result.txt", "a 1\n")))))
                .isEqualTo(BundleArchives.UNUSABLE);
        assertThat(copies()).isEmpty();
    }

    @Test
    void aReleaseAlsoDeletesTheCopiesAKilledDaemonLeft() throws Exception {
        Files.writeString(manifests.folder().resolve(bundleId + "-left-by-a-killed-daemon.zip"), "x");
        Files.writeString(manifests.folder().resolve(TaskIdentity.bundleId(List.of("f-9")) + "-other.zip"), "x");
        archives.keep(bundleId, new ByteArrayInputStream(zip(true, Map.of("0/result.txt", "a 1\n"))));
        archives.release(bundleId);
        assertThat(copies()).singleElement().asString().endsWith("-other.zip");
    }

    private List<Path> copies() throws IOException {
        try (var files = Files.list(manifests.folder())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".zip")).toList();
        }
    }

    private static ResultFile result(String taskId) {
        return new ResultFile(BlobLayout.literalResultBlobName(taskId, "result.txt"), "x.out");
    }

    private static String read(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] zip(boolean stored, Map<String, String> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                byte[] data = e.getValue().getBytes(StandardCharsets.UTF_8);
                ZipEntry entry = new ZipEntry(e.getKey());
                if (stored) {
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(data.length);
                    entry.setCrc(crc.getValue());
                }
                out.putNextEntry(entry);
                out.write(data);
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
