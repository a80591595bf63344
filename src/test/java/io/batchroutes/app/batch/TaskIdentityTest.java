package io.batchroutes.app.batch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TaskIdentityTest {

    @Test
    void sameFileSameIdOtherContentOtherId() {
        String id = TaskIdentity.taskId("a.txt", 10, 1000);
        assertThat(TaskIdentity.taskId("a.txt", 10, 1000)).isEqualTo(id);
        assertThat(TaskIdentity.taskId("a.txt", 11, 1000)).isNotEqualTo(id);
        assertThat(TaskIdentity.taskId("a.txt", 10, 1001)).isNotEqualTo(id);
        assertThat(TaskIdentity.taskId("b.txt", 10, 1000)).isNotEqualTo(id);
    }

    @Test
    void idIsAValidBatchTaskIdWhateverTheName() {
        assertThat(TaskIdentity.taskId("$(rm -rf ~) 'x'\n.mp4", 1, 1)).matches("[A-Za-z0-9_-]{1,64}");
    }
}
