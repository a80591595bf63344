package io.batchroutes.component.operations;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileRangeTest {

    @Test
    void anOffsetReadsToTheEnd() {
        assertThat(FileRange.of(3L, null, 10)).isEqualTo(new FileRange(3, 9));
        assertThat(FileRange.of(3L, null, 10).ocpRange()).isEqualTo("bytes=3-9");
        assertThat(FileRange.of(null, null, 10).size()).isEqualTo(10);
    }

    @Test
    void aNegativeOffsetCountsFromTheEndAndStopsAtTheStart() {
        assertThat(FileRange.of(-4L, null, 10)).isEqualTo(new FileRange(6, 9));
        assertThat(FileRange.of(-40L, null, 10)).isEqualTo(new FileRange(0, 9));
    }

    @Test
    void theMaximumCutsTheRangeAndNothingOverflows() {
        assertThat(FileRange.of(2L, 3L, 10)).isEqualTo(new FileRange(2, 4));
        assertThat(FileRange.of(2L, Long.MAX_VALUE, 10)).isEqualTo(new FileRange(2, 9));
        assertThat(FileRange.of(null, 0L, 10).isEmpty()).isTrue();
    }

    @Test
    void atOrPastTheEndIsEmpty() {
        assertThat(FileRange.of(10L, null, 10).isEmpty()).isTrue();
        assertThat(FileRange.of(99L, 5L, 10).first()).isEqualTo(10);
        assertThat(FileRange.of(0L, null, 0).isEmpty()).isTrue();
        assertThat(FileRange.of(99L, null, 10).size()).isZero();
    }

    @Test
    void aNegativeMaximumIsRefused() {
        assertThatThrownBy(() -> FileRange.of(0L, -1L, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fileMaxBytes");
    }
}
