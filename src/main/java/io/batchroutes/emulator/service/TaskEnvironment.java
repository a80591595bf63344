package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.EnvironmentSetting;
import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.model.ResourceFile;
import io.batchroutes.emulator.store.NodeRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a process on a node is given: the {@code AZ_BATCH_*} environment and its resource files. */
final class TaskEnvironment {
    private final ServiceContext ctx;

    TaskEnvironment(ServiceContext ctx) {
        this.ctx = ctx;
    }

    /** The variables every process on the node sees, for a task (or start/preparation task) directory. */
    Map<String, String> base(String poolId, NodeRecord node, Path taskDir, Path wd) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AZ_BATCH_ACCOUNT_NAME", ctx.accountName());
        env.put("AZ_BATCH_ACCOUNT_URL", ctx.accountUrl().get());
        env.put("AZ_BATCH_POOL_ID", poolId);
        env.put("AZ_BATCH_NODE_ID", node.node.id);
        env.put("AZ_BATCH_NODE_IS_DEDICATED", String.valueOf(Boolean.TRUE.equals(node.node.isDedicated)));
        env.put("AZ_BATCH_NODE_ROOT_DIR", node.root.toString());
        env.put("AZ_BATCH_NODE_SHARED_DIR", node.root.resolve("shared").toString());
        env.put("AZ_BATCH_NODE_STARTUP_DIR", node.root.resolve("startup").toString());
        env.put("AZ_BATCH_NODE_MOUNTS_DIR", node.root.resolve("fsmounts").toString());
        env.put("AZ_BATCH_TASK_DIR", taskDir.toString());
        env.put("AZ_BATCH_TASK_WORKING_DIR", wd.toString());
        return env;
    }

    /** Environment settings as a map, in order; a missing value is the empty string. */
    static Map<String, String> settings(List<EnvironmentSetting> settings) {
        Map<String, String> map = new LinkedHashMap<>();
        if (settings != null) {
            for (EnvironmentSetting s : settings) {
                if (s.name != null) {
                    map.put(s.name, s.value == null ? "" : s.value);
                }
            }
        }
        return map;
    }

    /** A copy of the resource files, with auto-storage containers turned into SAS URLs of the linked account. */
    List<ResourceFile> resourceFiles(List<ResourceFile> files) {
        if (files == null) {
            return null;
        }
        List<ResourceFile> copy = new ArrayList<>();
        for (ResourceFile rf : files) {
            ResourceFile c = Json.copy(rf, ResourceFile.class);
            if (c.autoStorageContainerName != null && ctx.autoStorage() != null) {
                c.storageContainerUrl = ctx.autoStorage().containerUrl(c.autoStorageContainerName);
                c.autoStorageContainerName = null;
            }
            copy.add(c);
        }
        return copy;
    }
}
