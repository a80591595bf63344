package io.batchroutes.emulator.service;

/**
 * The errors the emulator answers, each a Batch error code with its HTTP status and default message. Codes are the
 * SDK's {@code BatchErrorCodeStrings}; statuses follow the reference (some are UNVERIFIED there) and Azure convention.
 */
public enum BatchErrorCode {
    POOL_EXISTS("PoolExists", 409, "The specified pool already exists."),
    POOL_NOT_FOUND("PoolNotFound", 404, "The specified pool does not exist."),
    POOL_BEING_DELETED("PoolBeingDeleted", 409, "The specified pool has been marked for deletion and is being reclaimed."),
    NODE_NOT_FOUND("NodeNotFound", 404, "The specified node does not exist."),
    JOB_EXISTS("JobExists", 409, "The specified job already exists."),
    JOB_NOT_FOUND("JobNotFound", 404, "The specified job does not exist."),
    JOB_BEING_DELETED("JobBeingDeleted", 409, "The specified job has been marked for deletion and is being garbage collected."),
    JOB_BEING_TERMINATED("JobBeingTerminated", 409, "The specified job is being terminated."),
    JOB_COMPLETED("JobCompleted", 409, "The specified job is already in a completed state."),
    JOB_NOT_ACTIVE("JobNotActive", 409, "The specified job is not active."),
    JOB_SCHEDULE_EXISTS("JobScheduleExists", 409, "The specified job schedule already exists."),
    JOB_SCHEDULE_NOT_FOUND("JobScheduleNotFound", 404, "The specified job schedule does not exist."),
    JOB_SCHEDULE_BEING_DELETED("JobScheduleBeingDeleted", 409,
            "The specified job schedule has been marked for deletion and is being garbage collected."),
    JOB_SCHEDULE_BEING_TERMINATED("JobScheduleBeingTerminated", 409, "The specified job schedule is being terminated."),
    JOB_SCHEDULE_COMPLETED("JobScheduleCompleted", 409, "The specified job schedule is already in completed state."),
    TASK_EXISTS("TaskExists", 409, "The specified task already exists."),
    TASK_NOT_FOUND("TaskNotFound", 404, "The specified task does not exist."),
    TASK_COMPLETED("TaskCompleted", 409, "The specified task is already completed."),
    TASK_NOT_FAILED("OperationInvalidForCurrentState", 409,
            "Only a completed task whose result is failure can be reactivated."),
    TASK_FILES_UNAVAILABLE("TaskFilesUnavailable", 409, "The files of the specified task are not available: it has not been scheduled on a node."),
    TASK_DEPENDENCIES_NOT_SPECIFIED_ON_JOB("TaskDependenciesNotSpecifiedOnJob", 409,
            "The specified task has dependencies but the job does not have usesTaskDependencies set."),
    TASK_FILES_CLEANED_UP("TaskFilesCleanedup", 409,
            "The files of the specified task have been deleted: its retention time has passed."),
    FILE_NOT_FOUND("FileNotFound", 404, "The specified file does not exist."),
    OPERATION_INVALID_FOR_CURRENT_STATE("OperationInvalidForCurrentState", 409, "The operation is not valid for the current state of the resource."),
    INVALID_HEADER_VALUE("InvalidHeaderValue", 400, "The value provided for one of the HTTP headers was not in the correct format."),
    MISSING_REQUIRED_PROPERTY("MissingRequiredProperty", 400, "A required property was not specified in the request body."),
    INVALID_PROPERTY_VALUE("InvalidPropertyValue", 400, "The value provided for one of the properties in the request body is invalid."),
    INVALID_REQUEST_BODY("InvalidRequestBody", 400, "The specified request body is not syntactically valid."),
    MISSING_REQUIRED_QUERY_PARAMETER("MissingRequiredQueryParameter", 400, "A query parameter that's mandatory for this request is not specified."),
    INVALID_QUERY_PARAMETER_VALUE("InvalidQueryParameterValue", 400, "Value for one of the query parameters specified in the request URI is invalid."),
    INVALID_URI("InvalidUri", 400, "The requested URI does not represent any resource on the server."),
    REQUEST_BODY_TOO_LARGE("RequestBodyTooLarge", 413, "The request body is too large and exceeds the maximum permissible limit."),
    NOT_MODIFIED("ConditionNotMet", 304,
            "The condition specified in the conditional header(s) was not met for a read operation."),
    CONDITION_NOT_MET("ConditionNotMet", 412, "The condition specified using HTTP conditional header(s) is not met."),
    AUTHENTICATION_FAILED("AuthenticationFailed", 403,
            "Server failed to authenticate the request. Make sure the value of Authorization header is formed correctly including the signature."),
    AUTOSCALE_FORMULA_SYNTAX_ERROR("AutoScalingFormulaSyntaxError", 400, "The autoscale formula is not valid."),
    AUTOSCALE_NOT_ENABLED("InvalidAutoScalingSettings", 409, "The pool does not have autoscale enabled."),
    JOB_PREPARATION_TASK_NOT_SPECIFIED("JobPreparationTaskNotSpecified", 409,
            "The specified job does not have a job preparation task."),
    TASK_ID_SAME_AS_JOB_PREPARATION_TASK("TaskIdSameAsJobPreparationTask", 409,
            "The task id is the same as that of the job preparation task."),
    TASK_ID_SAME_AS_JOB_RELEASE_TASK("TaskIdSameAsJobReleaseTask", 409,
            "The task id is the same as that of the job release task."),
    RESOURCE_NOT_FOUND("ResourceNotFound", 404, "The specified resource does not exist."),
    APPLICATION_NOT_FOUND("ApplicationNotFound", 404, "The specified application does not exist."),
    INVALID_APPLICATION_PACKAGE_REFERENCES("InvalidApplicationPackageReferences", 409,
            "One or more of the specified application package references are invalid."),
    NODE_BEING_REBOOTED("NodeBeingRebooted", 409, "The specified node is being rebooted."),
    NODE_BEING_REIMAGED("NodeBeingReimaged", 409, "The specified node is being reimaged."),
    NODE_BEING_STARTED("NodeBeingStarted", 409, "The specified node is being started."),
    NODE_NOT_IN_STATE_FOR_OPERATION("OperationInvalidForCurrentState", 409,
            "The operation is not valid for the current state of the node."),
    NODE_ALREADY_IN_TARGET_SCHEDULING_STATE("NodeAlreadyInTargetSchedulingState", 409,
            "The specified node is already in the target scheduling state."),
    POOL_BEING_RESIZED("PoolBeingResized", 409, "The specified pool is being resized."),
    NOT_IMPLEMENTED("NotImplemented", 501, "The Batch emulator does not implement this operation."),
    UNSUPPORTED_PROPERTY("UnsupportedProperty", 400, "The Batch emulator does not support one of the properties in the request body."),
    SERVER_BUSY("ServerBusy", 503, "The server is currently unable to receive requests. Please retry your request."),
    TOO_MANY_REQUESTS("TooManyRequests", 429, "The server is currently receiving too many requests. Please retry your request."),
    INTERNAL_ERROR("InternalError", 500, "Server encountered an internal error. Please try again after some time.");

    private final String code;
    private final int status;
    private final String message;

    BatchErrorCode(String code, int status, String message) {
        this.code = code;
        this.status = status;
        this.message = message;
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    public String message() {
        return message;
    }

    public BatchServiceException exception(String... detailPairs) {
        return new BatchServiceException(this, null, detailPairs);
    }

    public BatchServiceException exceptionWithMessage(String message, String... detailPairs) {
        return new BatchServiceException(this, message, detailPairs);
    }
}
