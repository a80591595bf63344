package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Body of enableautoscale and evaluateautoscale (PoolEnableAutoScaleParameter / PoolEvaluateAutoScaleParameter). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class PoolAutoScaleParameter {
    public String autoScaleFormula;
    public String autoScaleEvaluationInterval;
}
