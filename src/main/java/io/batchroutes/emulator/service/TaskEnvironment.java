package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.ApplicationPackageReference;
import io.batchroutes.emulator.model.EnvironmentSetting;
import io.batchroutes.emulator.model.Json;
import io.batchroutes.emulator.model.ResourceFile;
import io.batchroutes.emulator.node.ApplicationPackageInstaller;
import io.batchroutes.emulator.store.NodeRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a process on a node is given: the {@code AZ_BATCH_*} environment, its resource files and its application
 * packages.
 */
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

    /** An application package that could not be installed; the message says which and why. */
    static final class PackageInstallException extends Exception {
        PackageInstallException(String message) {
            super(message);
        }
    }

    /**
     * Installs the packages on the node (once per application version: an installed one is reused) and returns their
     * variables. On Linux the service names them {@code AZ_BATCH_APP_PACKAGE_<application>_<version>} with periods,
     * hyphens and number signs turned into underscores; its documentation says the application id keeps its case in
     * one place and is lower-cased in another, so both spellings are set. A reference without a version (the default
     * version) also sets {@code AZ_BATCH_APP_PACKAGE_<application>}.
     */
    Map<String, String> installPackages(List<ApplicationPackageReference> references, NodeRecord node)
            throws PackageInstallException {
        Map<String, String> env = new LinkedHashMap<>();
        if (references == null) {
            return env;
        }
        for (ApplicationPackageReference ref : references) {
            ApplicationService.ResolvedPackage resolved;
            try {
                resolved = ctx.applications().resolve(ref);
            } catch (BatchServiceException e) {
                throw new PackageInstallException(e.getMessage());
            }
            Path target = node.root.resolve("applications").resolve(resolved.applicationId())
                    .resolve(resolved.version());
            try {
                java.nio.file.Files.createDirectories(target.getParent());
                ApplicationPackageInstaller.install(resolved.zip(), target);
            } catch (java.io.IOException | ApplicationPackageInstaller.PackageException e) {
                throw new PackageInstallException("application " + resolved.applicationId() + " version "
                        + resolved.version() + ": " + e.getMessage());
            }
            String app = flatten(ref.applicationId);
            String dir = target.toString();
            putBothCases(env, "AZ_BATCH_APP_PACKAGE_" + app + "_" + flatten(resolved.version()), dir);
            if (resolved.usedDefault()) {
                putBothCases(env, "AZ_BATCH_APP_PACKAGE_" + app, dir);
            }
        }
        return env;
    }

    private static String flatten(String name) {
        return name.replaceAll("[.#-]", "_");
    }

    private static void putBothCases(Map<String, String> env, String name, String value) {
        env.put(name, value);
        String prefix = "AZ_BATCH_APP_PACKAGE_";
        env.put(prefix + name.substring(prefix.length()).toLowerCase(java.util.Locale.ROOT), value);
    }
}
