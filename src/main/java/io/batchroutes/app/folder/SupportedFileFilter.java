package io.batchroutes.app.folder;

import java.nio.file.Files;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import io.batchroutes.app.worktype.WorkType;
import io.batchroutes.app.worktype.WorkTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lets the file consumer take only files a work type handles; any other file is left alone and logged once. */
public final class SupportedFileFilter implements GenericFileFilter<Object> {

    private static final Logger LOG = LoggerFactory.getLogger(SupportedFileFilter.class);

    private final WorkTypes workTypes;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    public SupportedFileFilter(WorkTypes workTypes) {
        this.workTypes = workTypes;
    }

    @Override
    public boolean accept(GenericFile<Object> file) {
        if (file.isDirectory()) {
            return false;
        }
        if (file.getFile() instanceof java.io.File local && Files.isSymbolicLink(local.toPath())) {
            if (reported.add(file.getFileNameOnly())) {
                LOG.warn("Ignoring {}: symbolic links are not followed (a link could point anywhere on this machine)",
                        file.getFileNameOnly());
            }
            return false;
        }
        if (unreadableName(file)) {
            if (reported.add(file.getFileNameOnly())) {
                LOG.warn("Ignoring {}: its name is not valid in this machine's file name encoding ({}), so it cannot be "
                        + "opened by that name; rename it", file.getFileNameOnly(), System.getProperty("sun.jnu.encoding"));
            }
            return false;
        }
        if (workTypes.forFile(file.getFileNameOnly()).isPresent()) {
            return true;
        }
        if (reported.add(file.getFileNameOnly())) {
            LOG.warn("Ignoring {}: no work type takes .{} files (configured: {})", file.getFileNameOnly(),
                    WorkType.extension(file.getFileNameOnly()),
                    workTypes.all().stream().flatMap(t -> t.extensions().stream()).sorted().toList());
        }
        return false;
    }

    /** A name whose bytes did not decode (U+FFFD in their place): the decoded name is another, absent file. */
    private static boolean unreadableName(GenericFile<Object> file) {
        return file.getFileNameOnly().indexOf('\uFFFD') >= 0 && file.getFile() instanceof java.io.File local && !local.exists();
    }
}
