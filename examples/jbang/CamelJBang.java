// The `camel` command of Camel JBang: what `jbang camel@apache/camel` starts (camel-jbang-main's CamelJBang.java),
// for a machine without the jbang launcher. run.sh starts it in Java's source-file mode with camel-jbang-core and its
// dependencies on the class path: java -cp <classpath> CamelJBang.java run ...
import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

public class CamelJBang {
    public static void main(String... args) {
        CamelJBangMain.run(args);
    }
}
