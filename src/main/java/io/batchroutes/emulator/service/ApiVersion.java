package io.batchroutes.emulator.service;

/**
 * The Batch REST versions the emulator answers: from the oldest one an SDK here sends (JS {@code @azure/batch} 10.2.0
 * and Python {@code azure-batch} 13.0.1 send 2022-10-01.16.0; Java {@code azure-batch} 11.2.0 sends 2024-07-01.20.0)
 * to the current 2025-06-01. Each constant says where its answers differ; docs/emulator.md has the table.
 */
public enum ApiVersion {
    V2022_10_01("2022-10-01.16.0", true),
    /** No {@code /lifetimejobstats} and {@code /lifetimepoolstats} from this version on. */
    V2023_05_01("2023-05-01.17.0", false),
    V2023_11_01("2023-11-01.18.0", false),
    V2024_02_01("2024-02-01.19.0", false),
    V2024_07_01("2024-07-01.20.0", false),
    /** The first version written in TypeSpec. */
    V2025_06_01("2025-06-01", false);

    static final String PARAMETER = "api-version";

    private final String wire;
    private final boolean lifetimeStatistics;

    ApiVersion(String wire, boolean lifetimeStatistics) {
        this.wire = wire;
        this.lifetimeStatistics = lifetimeStatistics;
    }

    /** The value as sent in the {@code api-version} query parameter. */
    public String wire() {
        return wire;
    }

    /** Whether {@code /lifetimejobstats} and {@code /lifetimepoolstats} exist in this version. */
    public boolean hasLifetimeStatistics() {
        return lifetimeStatistics;
    }

    /**
     * The version a request names; 400 {@code MissingRequiredQueryParameter} without one and 400
     * {@code InvalidQueryParameterValue} for one the service does not know, as the service answers.
     */
    public static ApiVersion of(String value) {
        if (value == null || value.isEmpty()) {
            throw BatchErrorCode.MISSING_REQUIRED_QUERY_PARAMETER.exception("QueryParameterName", PARAMETER);
        }
        for (ApiVersion v : values()) {
            if (v.wire.equals(value)) {
                return v;
            }
        }
        throw BatchErrorCode.INVALID_QUERY_PARAMETER_VALUE.exception("QueryParameterName", PARAMETER,
                "QueryParameterValue", value, "Reason", "The specified api-version is not supported.");
    }
}
