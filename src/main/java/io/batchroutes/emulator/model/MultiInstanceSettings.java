package io.batchroutes.emulator.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** How a multi-instance task runs across nodes (MultiInstanceSettings). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public class MultiInstanceSettings {
    public Integer numberOfInstances;
    public String coordinationCommandLine;
    public List<ResourceFile> commonResourceFiles;
}
