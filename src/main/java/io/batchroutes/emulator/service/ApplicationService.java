package io.batchroutes.emulator.service;

import io.batchroutes.emulator.model.ApplicationPackageReference;
import io.batchroutes.emulator.model.ApplicationSummary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The account's applications, read from a local package store: a folder with one folder per application holding
 * {@code <version>.zip} files, and optionally a {@code default-version} file naming the version a reference without
 * one gets. Read afresh on every call, so packages dropped in while the emulator runs are seen at once. Names that
 * the service would not accept as ids (and anything that is not a plain file or folder) are skipped.
 */
public final class ApplicationService {
    private static final Pattern APPLICATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final String ZIP = ".zip";
    static final String DEFAULT_VERSION_FILE = "default-version";

    private final Path root;

    /** @param root the package store; it need not exist (then there are no applications) */
    public ApplicationService(Path root) {
        this.root = root;
    }

    /** A package a reference resolves to. {@code usedDefault}: the reference named no version. */
    record ResolvedPackage(String applicationId, String version, boolean usedDefault, Path zip) {
    }

    public List<ApplicationSummary> list() {
        List<ApplicationSummary> list = new ArrayList<>();
        for (Path dir : applicationDirs()) {
            list.add(summary(dir));
        }
        return list;
    }

    public ApplicationSummary get(String applicationId) {
        Path dir = applicationDir(applicationId);
        if (dir == null) {
            throw BatchErrorCode.APPLICATION_NOT_FOUND.exception();
        }
        return summary(dir);
    }

    /**
     * Checks the references of a pool: every application and version must exist, a reference without a version
     * needs a default version (409 InvalidApplicationPackageReferences, as the service documents).
     */
    void validate(List<ApplicationPackageReference> references, String property) {
        if (references == null) {
            return;
        }
        for (ApplicationPackageReference ref : references) {
            if (ref == null || ref.applicationId == null) {
                throw BatchErrorCode.MISSING_REQUIRED_PROPERTY.exception("PropertyName", property + ".applicationId");
            }
            resolve(ref);
        }
    }

    /** The package a reference names; 409 InvalidApplicationPackageReferences when there is none. */
    ResolvedPackage resolve(ApplicationPackageReference ref) {
        Path dir = ref.applicationId == null ? null : applicationDir(ref.applicationId);
        if (dir == null) {
            throw invalid(ref, "The application " + ref.applicationId + " does not exist in the package store.");
        }
        String version = ref.version;
        boolean usedDefault = version == null;
        if (usedDefault) {
            version = defaultVersion(dir);
            if (version == null) {
                throw invalid(ref, "The application " + ref.applicationId + " has no default version; "
                        + "name a version, or write one into " + DEFAULT_VERSION_FILE + ".");
            }
        }
        if (!VERSION.matcher(version).matches()) {
            throw invalid(ref, "The version " + version + " is not a valid version.");
        }
        Path zip = dir.resolve(version + ZIP);
        if (!Files.isRegularFile(zip, LinkOption.NOFOLLOW_LINKS)) {
            throw invalid(ref, "The application " + ref.applicationId + " has no version " + version + ".");
        }
        return new ResolvedPackage(dir.getFileName().toString(), version, usedDefault, zip);
    }

    private static BatchServiceException invalid(ApplicationPackageReference ref, String message) {
        return BatchErrorCode.INVALID_APPLICATION_PACKAGE_REFERENCES.exceptionWithMessage(message,
                "ApplicationId", String.valueOf(ref.applicationId),
                "Version", ref.version == null ? "(default)" : ref.version);
    }

    private ApplicationSummary summary(Path dir) {
        ApplicationSummary s = new ApplicationSummary();
        s.id = dir.getFileName().toString();
        s.displayName = s.id;
        s.versions = versions(dir);
        return s;
    }

    /** Application ids are case-insensitive, as in the service. */
    private Path applicationDir(String applicationId) {
        for (Path dir : applicationDirs()) {
            if (dir.getFileName().toString().equalsIgnoreCase(applicationId)) {
                return dir;
            }
        }
        return null;
    }

    private List<Path> applicationDirs() {
        if (root == null || !Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(p -> APPLICATION_ID.matcher(p.getFileName().toString()).matches())
                    .sorted(Comparator.comparing(p -> p.getFileName().toString().toLowerCase(Locale.ROOT)))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<String> versions(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(ZIP))
                    .map(n -> n.substring(0, n.length() - ZIP.length()))
                    .filter(v -> VERSION.matcher(v).matches())
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String defaultVersion(Path dir) {
        Path file = dir.resolve(DEFAULT_VERSION_FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        try {
            String v = Files.readString(file, StandardCharsets.UTF_8).trim();
            return v.isEmpty() ? null : v;
        } catch (IOException e) {
            return null;
        }
    }
}
