package io.batchroutes.emulator.node;

import io.batchroutes.emulator.model.NameValuePair;
import io.batchroutes.emulator.model.TaskFailureInformation;
import java.util.ArrayList;
import java.util.List;

/**
 * The failureInfo values the node agent reports. Codes are the SDK's {@code TaskFailureInformationCodes} where one
 * exists; {@code FailureExitCode} is what the real service reports for a non-zero exit; {@code FileUploadError} is
 * the emulator's (UNVERIFIED against the real service).
 */
public final class NodeFailures {
    public static final String USER_ERROR = "usererror";

    private NodeFailures() {
    }

    public static TaskFailureInformation failure(String code, String message, String... detailPairs) {
        TaskFailureInformation f = new TaskFailureInformation();
        f.category = USER_ERROR;
        f.code = code;
        f.message = message;
        if (detailPairs.length > 0) {
            List<NameValuePair> details = new ArrayList<>();
            for (int i = 0; i + 1 < detailPairs.length; i += 2) {
                NameValuePair p = new NameValuePair();
                p.name = detailPairs[i];
                p.value = detailPairs[i + 1];
                details.add(p);
            }
            f.details = details;
        }
        return f;
    }

    public static TaskFailureInformation exitCode(int code) {
        return failure("FailureExitCode", "The task exited with an exit code representing a failure",
                "Message", "The task process exited with an unexpected exit code (" + code + ")",
                "AdditionalErrorCode", "FailureExitCode");
    }

    public static TaskFailureInformation endedByUser() {
        return failure("TaskEnded", "Task Was Ended by User Request");
    }

    public static TaskFailureInformation wallClockExceeded(String limit) {
        return failure("TaskEnded", "The task exceeded its maximum wall clock time (" + limit + ") and was ended",
                "AdditionalErrorCode", "MaxWallClockTimeExceeded");
    }
}
