package io.batchroutes.app;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged log4j2.properties writes every message on one line, whatever control characters a name holds. */
class LogEscapingTest {

    @Test
    void aMessageCannotStartALineOrCarryControlCharacters() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Layout<?> layout = context.getConfiguration().getAppender("console").getLayout();
        String hostile = "Staged a\n12:00:00.000 ERROR [main] Forged - owned\r\u001b[31mred\u0085\u2028.txt as task f-1";
        String line = layout.toSerializable(Log4jLogEvent.newBuilder().setLoggerName("io.batchroutes.files")
                .setLevel(Level.INFO).setMessage(new SimpleMessage(hostile)).build()).toString();

        assertThat(line).endsWith("\n");
        String body = line.substring(0, line.length() - 1);
        assertThat(body).doesNotContain("\n").doesNotContain("\r").doesNotContain("\u001b").doesNotContain("\u0085")
                .doesNotContain("\u2028").contains("Staged a\\n12:00:00.000 ERROR [main] Forged - owned\\r?[31mred??.txt as task f-1");
    }
}
