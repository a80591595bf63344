package io.batchroutes.component;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards the metadata camel-component-maven-plugin generates from our annotations and Javadoc: Camel tooling, the
 * catalog and the docs read it, so it must list every operation and describe every option and header.
 */
class AzureBatchGeneratedMetadataTest {

    private static JsonNode json;

    @BeforeAll
    static void readJson() throws Exception {
        try (InputStream in = AzureBatchGeneratedMetadataTest.class
                .getResourceAsStream("/META-INF/io/batchroutes/component/azure-batch.json")) {
            assertThat(in).as("generated azure-batch.json on the classpath").isNotNull();
            json = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void theOperationOptionListsEveryOperation() {
        List<String> listed = new ArrayList<>();
        json.at("/properties/operation/enum").forEach(value -> listed.add(value.asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(AzureBatchOperations.values()).map(Enum::name).toList());
    }

    @Test
    void everyOptionHasALabelAndADescription() {
        for (String section : List.of("componentProperties", "properties")) {
            for (Map.Entry<String, JsonNode> option : json.get(section).properties()) {
                assertThat(option.getValue().path("description").asText()).as(section + " " + option.getKey()).isNotBlank();
                assertThat(option.getValue().path("label").asText()).as(section + " " + option.getKey() + " label").isNotBlank();
            }
        }
    }

    @Test
    void theAccountKeyIsSecret() {
        assertThat(json.at("/properties/accountKey/secret").asBoolean()).isTrue();
        assertThat(json.at("/properties/batchClient/autowired").asBoolean()).isTrue();
        assertThat(json.at("/component/scheme").asText()).isEqualTo("azure-batch");
        assertThat(json.at("/component/syntax").asText()).isEqualTo("azure-batch:jobId");
    }

    @Test
    void everyHeaderIsListedWithADescription() throws Exception {
        for (Field field : AzureBatchConstants.class.getDeclaredFields()) {
            if (!Modifier.isPublic(field.getModifiers())) {
                continue;
            }
            String header = (String) field.get(null);
            assertThat(header).startsWith("CamelAzureBatch");
            assertThat(json.at("/headers/" + header + "/description").asText()).as(header).isNotBlank();
        }
    }
}
