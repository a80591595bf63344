package io.batchroutes.emulator.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlobPutTest {

    @Test
    void theBlobNameIsEncodedSegmentBySegmentAndTheSasKept() {
        assertThat(BlobPut.blobUri("http://127.0.0.1:1/acct/out-gabc?sv=1&sig=x%2By", "f-1/result one+two.txt").toString())
                .isEqualTo("http://127.0.0.1:1/acct/out-gabc/f-1/result%20one%2Btwo.txt?sv=1&sig=x%2By");
        assertThat(BlobPut.blobUri("http://h/acct/c/", "a/b/ü?.txt").toString())
                .isEqualTo("http://h/acct/c/a/b/%C3%BC%3F.txt");
    }
}
