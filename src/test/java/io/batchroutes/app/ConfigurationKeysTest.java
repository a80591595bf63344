package io.batchroutes.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import io.batchroutes.app.worktype.WorkType;
import io.batchroutes.app.worktype.WorkTypes;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Known keys and suggestions, the environment's names for keys, and the order of the sources (no daemon started). */
class ConfigurationKeysTest {

    private static final KnownKeys KNOWN = new KnownKeys(ConfigurationFile.packaged().properties());

    @TempDir
    Path folder;

    @Test
    void aWorkTypeReadsExactlyTheKeysTheCheckKnows() {
        Set<String> asked = new LinkedHashSet<>();
        Map<String, String> values = Map.of(WorkType.LIST_KEY, "t",
                "batchroutes.work-type.t.extensions", "x", "batchroutes.work-type.t.command", "run {input}",
                "batchroutes.work-type.t.outputs", "r", "batchroutes.work-type.t.output-name", "{stem}.r");
        WorkTypes.fromProperties(key -> {
            if (key.startsWith(WorkType.KEY_PREFIX)) {
                asked.add(key.substring((WorkType.KEY_PREFIX + "t.").length()));
            }
            return Optional.ofNullable(values.get(key));
        });
        assertThat(asked).containsExactlyInAnyOrderElementsOf(WorkType.KEYS);
    }

    @Test
    void aTypoGetsTheNearestKnownKey() {
        assertThat(KNOWN.isKnown("batchroutes.work-type.thumbnail.command")).isTrue();
        assertThat(KNOWN.isKnown("batchroutes.input-dir")).isTrue();
        assertThat(KNOWN.isKnown("batchroutes.work-type.thumbnail.comand")).isFalse();
        assertThat(KNOWN.nearest("batchroutes.work-type.thumbnail.comand")).isEqualTo("batchroutes.work-type.thumbnail.command");
        assertThat(KNOWN.nearest("batchroutes.worktype.thumbnail.command")).isEqualTo("batchroutes.work-type.thumbnail.command");
        assertThat(KNOWN.nearest("batchroutes.inptu-dir")).isEqualTo("batchroutes.input-dir");
    }

    @Test
    void variablesAreKnownByTheKeysTheyName() {
        assertThat(KNOWN.isKnownVariable("BATCHROUTES_INPUT_DIR")).isTrue();
        assertThat(KNOWN.isKnownVariable("BATCHROUTES_WORK_TYPE_MY_TYPE_OUTPUT_NAME")).isTrue();
        assertThat(KNOWN.isKnownVariable("BATCHROUTES_WORK_TYPE_OUTPUT_NAME")).isFalse();
        assertThat(KNOWN.isKnownVariable("BATCHROUTES_WORK_TYPE_THUMBNAIL_COMAND")).isFalse();
        assertThat(KNOWN.nearestVariable("BATCHROUTES_WORK_TYPE_THUMBNAIL_COMAND")).isEqualTo("BATCHROUTES_WORK_TYPE_THUMBNAIL_COMMAND");
        assertThat(KNOWN.nearestVariable("BATCHROUTES_INPUTDIR")).isEqualTo("BATCHROUTES_INPUT_DIR");
    }

    @Test
    void theEnvironmentNamesKeysAsCamelDoes() {
        assertThat(EnvironmentKeys.variable("batchroutes.work-type.my-type.output-name")).isEqualTo("BATCHROUTES_WORK_TYPE_MY_TYPE_OUTPUT_NAME");
        assertThat(EnvironmentKeys.variable("camel.main.shutdownTimeout")).isEqualTo("CAMEL_MAIN_SHUTDOWN_TIMEOUT");
        Map<String, String> env = Map.of("CAMEL_MANAGEMENT_PORT", "1234", "CAMEL_MAIN_SHUTDOWN_TIMEOUT", "7",
                "CAMEL_COMPONENT_AZURE_STORAGE_BLOB_SAS_TOKEN", "s", "CAMEL_COMPONENT_AZURE_BATCH_POOL_ID", "p");
        Map<String, String> values = EnvironmentKeys.resolve(env, Set.of("camel.management.port")).values();
        assertThat(values).containsEntry("camel.management.port", "1234")
                .containsEntry("camel.main.shutdownTimeout", "7")
                .containsEntry("camel.component.azure-storage-blob.sas-token", "s")
                .containsEntry("camel.component.azure-batch.pool-id", "p");
    }

    @Test
    void filesThenFlagsThenTheEnvironment() throws Exception {
        Files.writeString(folder.resolve("application.properties"), """
                batchroutes.work-types = ffmpeg,mine
                batchroutes.input-dir = FromFolder
                batchroutes.output-dir = FromFolder
                batchroutes.work-type.mine.command = cat {input}
                """);
        Path config = Files.writeString(folder.resolve("other.properties"), "batchroutes.input-dir = FromConfig\n");
        Properties flags = new Properties();
        flags.setProperty("batchroutes.output-dir", "FromFlag");
        flags.setProperty("batchroutes.input-dir", "FromFlag");
        flags.setProperty("java.version", "not ours");
        ConfigurationSources sources = ConfigurationSources.ofProcess(folder, Optional.of("other.properties"),
                Map.of("BATCHROUTES_INPUT_DIR", "FromEnv", "BATCHROUTES_WORK_TYPE_MINE_COMMAND", "tac {input}", "PATH", "/bin"),
                flags);

        assertThat(sources.files()).extracting(ConfigurationFile::role).containsExactly("packaged", "start folder", "--config");
        assertThat(sources.camelLocations()).isEqualTo("file:" + config.toAbsolutePath() + ",file:"
                + folder.resolve("application.properties").toAbsolutePath() + ",classpath:application.properties");
        assertThat(sources.commandLineAndEnvironment()).containsEntry("batchroutes.output-dir", "FromFlag")
                .containsEntry("batchroutes.input-dir", "FromEnv")
                .containsEntry("batchroutes.work-type.mine.command", "tac {input}")
                .doesNotContainKey("java.version");
        assertThat(sources.describe()).contains("other.properties (--config)").contains("2 -D setting(s), 2 environment variable(s)")
                .doesNotContain("FromFlag").doesNotContain("tac");
        assertThat(KNOWN.problems(sources, Map.of())).isEmpty();
    }

    @Test
    void aMissingConfigFileIsOneClearLine() {
        assertThatThrownBy(() -> ConfigurationSources.ofProcess(folder, Optional.of("nope.properties"), Map.of(), new Properties()))
                .hasMessage("--config " + folder.resolve("nope.properties").toAbsolutePath() + ": no such file");
        assertThatThrownBy(() -> ConfigurationSources.ofProcess(folder, Optional.empty(),
                Map.of(ConfigurationSources.CONFIG_VARIABLE, folder.toString()), new Properties()))
                .hasMessage("BATCHROUTES_CONFIG " + folder.toAbsolutePath() + ": not a regular file");
    }

    @Test
    void theDaemonsOwnArgumentsAreTakenOutOfCamelsWay() {
        StartArguments arguments = StartArguments.parse("--once", "--config", "a.properties", "-d", "5");
        assertThat(arguments.once()).isTrue();
        assertThat(arguments.config()).contains("a.properties");
        assertThat(arguments.rest()).containsExactly("-d", "5");
        assertThat(StartArguments.parse("--config=b.properties").config()).contains("b.properties");
        assertThat(StartArguments.parse().config()).isEmpty();
        assertThatThrownBy(() -> StartArguments.parse("--config")).hasMessage("--config needs a file: --config FILE");
    }

    @Test
    void unknownKeysAreFoundInEverySource() throws Exception {
        Files.writeString(folder.resolve("application.properties"), "batchroutes.work-type.thumbnail.comand = x\n");
        Properties flags = new Properties();
        flags.setProperty("batchroutes.inptu-dir", "x");
        ConfigurationSources sources = ConfigurationSources.ofProcess(folder, Optional.empty(),
                Map.of("BATCHROUTES_OUTPUTDIR", "x"), flags);

        assertThat(KNOWN.problems(sources, Map.of("batchroutes.ingest.retires", "3"))).containsExactly(
                "unknown key batchroutes.work-type.thumbnail.comand in " + folder.resolve("application.properties").toAbsolutePath()
                        + " (did you mean batchroutes.work-type.thumbnail.command?)",
                "unknown key -Dbatchroutes.inptu-dir (did you mean batchroutes.input-dir?)",
                "unknown key in environment variable BATCHROUTES_OUTPUTDIR (did you mean BATCHROUTES_OUTPUT_DIR?)",
                "unknown key batchroutes.ingest.retires in the overrides (did you mean batchroutes.ingest.retries?)");
    }
}
