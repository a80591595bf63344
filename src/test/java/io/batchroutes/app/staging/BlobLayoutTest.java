package io.batchroutes.app.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class BlobLayoutTest {

    @Test
    void aTaskInputIsStagedUnderItsTaskIdWithAFixedName() {
        assertThat(BlobLayout.inputBlobName("f-1", "mp4")).isEqualTo("f-1/input.mp4");
        assertThat(new BlobLayout().inputBlobFor("f-1", "My $(odd) clip.MP4")).isEqualTo("f-1/input.mp4");
    }

    @Test
    void uploadAndDownloadAgreeOnLiteralResults() {
        List<String> outputs = List.of("result.mp3", "sub/dir/extra.txt", "../stdout.txt", "result.mp3");
        List<String> uploadedTo = outputs.stream().map(o -> BlobLayout.uploadPath("f-1", o)).distinct().toList();
        assertThat(BlobLayout.literalResultBlobNames("f-1", outputs)).isEqualTo(uploadedTo)
                .containsExactly("f-1/result.mp3", "f-1/extra.txt", "f-1/stdout.txt");
        assertThat(uploadedTo).allMatch(name -> name.startsWith(BlobLayout.resultPrefix("f-1")));
    }

    @Test
    void wildcardOutputsUploadUnderTheTaskFolder() {
        assertThat(BlobLayout.isWildcard("*.png")).isTrue();
        assertThat(BlobLayout.isWildcard("frame-?.jpg")).isTrue();
        assertThat(BlobLayout.isWildcard("[ab].txt")).isTrue();
        assertThat(BlobLayout.isWildcard("result.txt")).isFalse();
        assertThat(BlobLayout.uploadPath("f-1", "frames/*.png")).isEqualTo("f-1");
        assertThat(BlobLayout.allLiteral(List.of("a.txt", "b.txt"))).isTrue();
        assertThat(BlobLayout.allLiteral(List.of("a.txt", "*.png"))).isFalse();
    }

    @Test
    void aResultKeepsItsNodeFileName() {
        assertThat(BlobLayout.nodeFileName("f-1/frames/one.png")).isEqualTo("one.png");
        assertThat(BlobLayout.nodeFileName("f-1/result.mp3")).isEqualTo("result.mp3");
    }

    @Test
    void aLocalResultNameIsNeverAPath() {
        assertThat(new ResultFile("f-1/result.mp3", "clip.mp3").localName()).isEqualTo("clip.mp3");
        for (String escaping : List.of("../x", "a/b", "..", ".", "")) {
            assertThatThrownBy(() -> new ResultFile("f-1/r", escaping)).as(escaping)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("escapes the output folder");
        }
    }
}
