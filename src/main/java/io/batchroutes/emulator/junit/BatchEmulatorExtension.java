package io.batchroutes.emulator.junit;

import io.batchroutes.emulator.BatchEmulator;
import io.batchroutes.emulator.EmulatorSettings;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One Batch emulator per test class: started before the class's first test on a free port of 127.0.0.1 with a
 * random account key (never the well-known one) and a fresh temporary data folder, stopped after its last test
 * (which kills every task process and deletes the folder). Tests get it as a {@link BatchEmulator} parameter or in
 * a field marked {@link Emulator} (static or not); {@link BatchEmulator#url()}, {@link BatchEmulator#accountName()}
 * and {@link BatchEmulator#accountKey()} are what an SDK client needs.
 * <pre>
 * &#64;ExtendWith(BatchEmulatorExtension.class)
 * class MyBatchCodeTest {
 *     &#64;Test
 *     void runsATask(BatchEmulator batch) {
 *         BatchClient client = BatchClient.open(
 *                 new BatchSharedKeyCredentials(batch.url(), batch.accountName(), batch.accountKey()));
 *     }
 * }
 * </pre>
 * For other settings (an application package store, a resize duration, faults), register it in a static field:
 * {@code @RegisterExtension static BatchEmulatorExtension batch = new BatchEmulatorExtension(s -> s.workers(4));}
 */
public final class BatchEmulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        ParameterResolver {

    /** Marks a field of type {@link BatchEmulator} to be set to the class's emulator. */
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface Emulator {
    }

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(BatchEmulatorExtension.class);
    private static final String KEY = "emulator";

    private final UnaryOperator<EmulatorSettings> customize;
    private BatchEmulator registered;

    /** The defaults: a free port, the account {@code devbatchaccount1}, a random key, a temporary data folder. */
    public BatchEmulatorExtension() {
        this(UnaryOperator.identity());
    }

    /** The defaults changed by {@code customize}; port, key and data folder stay the extension's. */
    public BatchEmulatorExtension(UnaryOperator<EmulatorSettings> customize) {
        this.customize = Objects.requireNonNull(customize, "customize");
    }

    /** The emulator while the class runs (for a registered extension); null before and after. */
    public BatchEmulator emulator() {
        return registered;
    }

    /** A fresh random 64-byte key in base64, as real Batch account keys are. */
    public static String randomKey() {
        byte[] key = new byte[64];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        EmulatorSettings settings = customize.apply(EmulatorSettings.defaults()).port(0).accountKey(randomKey())
                .dataDir(null);
        BatchEmulator emulator = BatchEmulator.start(settings);
        context.getStore(NAMESPACE).put(KEY, (ExtensionContext.Store.CloseableResource) emulator::close);
        context.getStore(NAMESPACE).put(KEY + ".instance", emulator);
        registered = emulator;
        inject(context.getRequiredTestClass(), null, emulator);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Object instance = context.getRequiredTestInstance();
        inject(instance.getClass(), instance, emulator(context));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        registered = null; // the store closes the emulator
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == BatchEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator(context);
    }

    private static BatchEmulator emulator(ExtensionContext context) {
        BatchEmulator e = context.getStore(NAMESPACE).get(KEY + ".instance", BatchEmulator.class);
        if (e == null) {
            throw new ExtensionConfigurationException("BatchEmulatorExtension starts its emulator before all tests "
                    + "of a class: register it on the class (@ExtendWith) or in a static field (@RegisterExtension)");
        }
        return e;
    }

    private static void inject(Class<?> type, Object instance, BatchEmulator emulator) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!f.isAnnotationPresent(Emulator.class) || Modifier.isStatic(f.getModifiers()) != (instance == null)) {
                    continue;
                }
                if (f.getType() != BatchEmulator.class) {
                    throw new ExtensionConfigurationException("@Emulator field " + f.getName() + " must be a BatchEmulator");
                }
                try {
                    f.setAccessible(true);
                    f.set(instance, emulator);
                } catch (IllegalAccessException e) {
                    throw new ExtensionConfigurationException("cannot set @Emulator field " + f.getName(), e);
                }
            }
        }
    }
}
