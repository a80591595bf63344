package io.batchroutes.app.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.batchroutes.app.worktype.WorkType;
import io.batchroutes.app.worktype.WorkTypes;

/**
 * The local profile's nodes run on this machine, so a program a work type requires must be on this machine's
 * PATH. Checking at start turns what would be a start-task failure into one clear line before any file is taken.
 */
public final class LocalToolCheck {

    private LocalToolCheck() {
    }

    public static void verify(WorkTypes workTypes, String path) {
        List<String> problems = new ArrayList<>();
        for (WorkType type : workTypes.all()) {
            for (String program : type.requires()) {
                if (!onPath(program, path)) {
                    problems.add("work type '" + type.name() + "' requires '" + program + "', which is not on this machine's PATH"
                            + " (the local nodes run here): install it (Debian: apt-get install " + program
                            + ") or remove '" + type.name() + "' from batchroutes.work-types");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static boolean onPath(String program, String path) {
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
