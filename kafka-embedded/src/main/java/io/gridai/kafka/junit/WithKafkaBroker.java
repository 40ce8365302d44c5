package io.gridai.kafka.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a real Kafka broker (KRaft, in this JVM) with every topic of grid-model's
 * registry created. One broker serves the whole test JVM and stops when the JVM's tests are done.
 *
 * <p>Test methods and constructors may declare a parameter of type
 * {@link io.gridai.kafka.EmbeddedKafkaBroker}, or a {@code String} annotated {@link BootstrapServers}.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KafkaBrokerExtension.class)
public @interface WithKafkaBroker {
}
