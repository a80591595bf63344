package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.BatchErrorDetail;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A typed error; the HTTP layer turns it into the Batch error body in one place. */
public final class BatchServiceException extends RuntimeException {
    private final BatchErrorCode error;
    private final List<BatchErrorDetail> values;

    BatchServiceException(BatchErrorCode error, String message, String... detailPairs) {
        super(message == null ? error.message() : message, null, false, false);
        this.error = error;
        List<BatchErrorDetail> list = new ArrayList<>();
        for (int i = 0; i + 1 < detailPairs.length; i += 2) {
            BatchErrorDetail d = new BatchErrorDetail();
            d.key = detailPairs[i];
            d.value = detailPairs[i + 1];
            list.add(d);
        }
        this.values = Collections.unmodifiableList(list);
    }

    public BatchErrorCode error() {
        return error;
    }

    public List<BatchErrorDetail> values() {
        return values;
    }
}
