package io.batchroutes.app.worktype;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkTypeTest {

    private static WorkType ffmpeg() {
        return WorkType.of("ffmpeg", Set.of("mp4"), List.of("ffmpeg", "-i", "{input}", "result.mp3"), List.of("result.mp3"),
                "{stem}.mp3", List.of("ffmpeg"));
    }

    @Test
    void stemDropsOnlyTheLastExtension() {
        assertThat(WorkType.stem("a.b.mp4")).isEqualTo("a.b");
        assertThat(WorkType.stem(".hidden")).isEqualTo(".hidden");
        assertThat(WorkType.stem("noext")).isEqualTo("noext");
        assertThat(ffmpeg().localOutputName("a.b.mp4", "result.mp3")).isEqualTo("a.b.mp3");
    }

    @Test
    void extensionIsLowerCase() {
        assertThat(WorkType.extension("CLIP.MP4")).isEqualTo("mp4");
        assertThat(WorkType.extension("trailingdot.")).isEmpty();
    }

    @Test
    void theCommandNeverCarriesTheUsersName() {
        assertThat(ffmpeg().argv("mp4")).containsExactly("ffmpeg", "-i", "input.mp4", "result.mp3");
    }

    @Test
    void unknownPlaceholderIsRejected() {
        assertThatThrownBy(() -> WorkType.of("x", Set.of("x"), List.of("run", "{inptu}"), List.of("r"), "{stem}", List.of()))
                .hasMessageContaining("unknown placeholder {inptu}");
    }

    @Test
    void outputsMayNotEscape() {
        assertThatThrownBy(() -> WorkType.of("x", Set.of("x"), List.of("run"), List.of("../../etc/x"), "{stem}", List.of()))
                .hasMessageContaining("must stay inside");
        assertThatThrownBy(() -> WorkType.of("x", Set.of("x"), List.of("run"), List.of("r"), "../{stem}", List.of()))
                .hasMessageContaining("plain file name");
    }

    @Test
    void twoTypesMayNotClaimOneExtension() {
        assertThatThrownBy(() -> new WorkTypes(List.of(ffmpeg(), WorkType.of("other", Set.of("mp4"), List.of("x"), List.of("r"),
                "{stem}", List.of())))).hasMessageContaining("both claim .mp4");
    }

    @Test
    void globsTakeWhatExtensionsCannotTellApart() {
        Map<String, String> props = Map.of(
                "batchroutes.work-types", "scans,topwords",
                "batchroutes.work-type.scans.files", "scan_*.txt, *.tif",
                "batchroutes.work-type.scans.command", "ocr {input}",
                "batchroutes.work-type.scans.outputs", "result.txt",
                "batchroutes.work-type.scans.output-name", "{stem}.ocr.txt",
                "batchroutes.work-type.topwords.extensions", "md",
                "batchroutes.work-type.topwords.command", "count {input}",
                "batchroutes.work-type.topwords.outputs", "result.txt",
                "batchroutes.work-type.topwords.output-name", "{stem}_OUTPUT.txt");
        WorkTypes types = WorkTypes.fromProperties(k -> Optional.ofNullable(props.get(k)));
        assertThat(types.forFile("scan_0001.txt")).map(WorkType::name).contains("scans");
        assertThat(types.forFile("page.tif")).map(WorkType::name).contains("scans");
        assertThat(types.forFile("notes.md")).map(WorkType::name).contains("topwords");
        assertThat(types.forFile("other.txt")).isEmpty();
    }

    @Test
    void aTypeMustTakeSomeFilesAndGlobsMayNotBeClaimedTwice() {
        assertThatThrownBy(() -> WorkType.of("x", Set.of(), List.of("run"), List.of("r"), "{stem}", List.of()))
                .hasMessageContaining("takes no files");
        WorkType a = new WorkType("a", Set.of(), List.of("*.tif"), List.of("run"), List.of("r"), "{stem}", List.of(), List.of(),
                WorkType.Limits.DEFAULT);
        WorkType b = new WorkType("b", Set.of(), List.of("*.tif"), List.of("run"), List.of("r"), "{stem}", List.of(), List.of(),
                WorkType.Limits.DEFAULT);
        assertThatThrownBy(() -> new WorkTypes(List.of(a, b))).hasMessageContaining("both claim files matching *.tif");
    }

    @Test
    void readsWorkTypesFromProperties() {
        Map<String, String> props = Map.of(
                "batchroutes.work-types", "ffmpeg",
                "batchroutes.work-type.ffmpeg.extensions", ".MP4, mov",
                "batchroutes.work-type.ffmpeg.command", "ffmpeg -i {input} 'result file.mp3'",
                "batchroutes.work-type.ffmpeg.outputs", "result file.mp3",
                "batchroutes.work-type.ffmpeg.output-name", "{stem}.mp3");
        WorkTypes types = WorkTypes.fromProperties(k -> Optional.ofNullable(props.get(k)));
        assertThat(types.forFile("x.mov")).isPresent();
        assertThat(types.forFile("x.txt")).isEmpty();
        assertThat(types.byName("ffmpeg").argv("mov")).containsExactly("ffmpeg", "-i", "input.mov", "result file.mp3");
    }

    @Test
    void wallClockLimitsComeInMinutesOrAsADurationUnderAMinute() {
        Map<String, String> props = new java.util.HashMap<>(Map.of("batchroutes.work-types", "slow,slower"));
        for (String type : List.of("slow", "slower")) {
            String prefix = "batchroutes.work-type." + type + ".";
            props.putAll(Map.of(prefix + "extensions", type, prefix + "command", "sleep 30", prefix + "outputs", "result.txt",
                    prefix + "output-name", "{stem}.txt"));
        }
        props.put("batchroutes.work-type.slow.max-wall-clock", "PT2S");
        props.put("batchroutes.work-type.slower.max-wall-clock-minutes", "5");
        WorkTypes types = WorkTypes.fromProperties(k -> Optional.ofNullable(props.get(k)));
        assertThat(types.byName("slow").limits().maxWallClock()).isEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(types.byName("slower").limits().maxWallClock()).isEqualTo(java.time.Duration.ofMinutes(5));

        props.put("batchroutes.work-type.slower.max-wall-clock", "PT1M");
        assertThatThrownBy(() -> WorkTypes.fromProperties(k -> Optional.ofNullable(props.get(k))))
                .hasMessageContaining("give max-wall-clock or max-wall-clock-minutes, not both");
        props.remove("batchroutes.work-type.slower.max-wall-clock-minutes");
        props.put("batchroutes.work-type.slower.max-wall-clock", "2 seconds");
        assertThatThrownBy(() -> WorkTypes.fromProperties(k -> Optional.ofNullable(props.get(k))))
                .hasMessageContaining("max-wall-clock must be an ISO-8601 duration");
    }

    @Test
    void resultNamesTakeTheInputsNameLiterallyAndFitTheFileSystem() {
        WorkType topwords = WorkType.of("topwords", Set.of("txt"), List.of("topwords", "{input}"), List.of("result.txt"),
                "{stem}_OUTPUT.txt", List.of());
        assertThat(topwords.localOutputName("{name}.txt", "result.txt")).isEqualTo("{name}_OUTPUT.txt");
        assertThat(topwords.localOutputName("{stem}$1\\.txt", "result.txt")).isEqualTo("{stem}$1\\_OUTPUT.txt");

        String longStem = "\u00e9".repeat(125) + "x";
        String shortened = topwords.localOutputName(longStem + ".txt", "result.txt");
        assertThat(shortened.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        assertThat(shortened).startsWith("\u00e9".repeat(100)).endsWith("_OUTPUT.txt").contains("~");
        assertThat(topwords.localOutputName(longStem + "y.txt", "result.txt")).as("two long names that begin alike")
                .isNotEqualTo(topwords.localOutputName(longStem + "z.txt", "result.txt"));
    }

    @Test
    void aGlobMatchedNameGivesOnlyAPlainExtensionToTheNode() {
        WorkType scans = new WorkType("scans", Set.of(), List.of("scan_*"), List.of("/bin/sh", "-c", "ocr \"$1\"", "scans", "{input}"),
                List.of("result.txt"), "{stem}.ocr.txt", List.of(), List.of(), WorkType.Limits.DEFAULT);
        String hostile = "scan_1.x;id>&2;echo $(uname)";
        assertThat(scans.argv(WorkType.extension(hostile))).containsExactly("/bin/sh", "-c", "ocr \"$1\"", "scans", "input");
        assertThat(io.batchroutes.app.staging.BlobLayout.inputBlobName("t-1", WorkType.extension(hostile))).isEqualTo("t-1/input");
        assertThat(scans.argv(WorkType.extension("scan_2.TIF"))).last().isEqualTo("input.tif");
        assertThat(WorkType.stagedInputName("abcdefghijklmnopq")).as("over 16").isEqualTo("input");
        assertThat(WorkType.stagedInputName("t\u00e9x")).isEqualTo("input");
        assertThat(WorkType.stagedInputName("")).isEqualTo("input");
    }

    @Test
    void inputInsideTheScriptOfDashCIsRefused() {
        for (List<String> command : List.of(List.of("/bin/sh", "-c", "cat {input}"), List.of("bash", "-ec", "wc -l {input} > r"),
                List.of("python3", "-c", "open('{input}')"))) {
            assertThatThrownBy(() -> WorkType.of("x", Set.of("txt"), command, List.of("r"), "{stem}", List.of()))
                    .as(command.toString()).hasMessageContaining("{input} inside the script of").hasMessageContaining("\"$1\"");
        }
        assertThat(WorkType.of("x", Set.of("txt"), List.of("/bin/sh", "-c", "cat \"$1\"", "x", "{input}"), List.of("r"),
                "{stem}", List.of()).argv("txt")).last().isEqualTo("input.txt");
    }
}
