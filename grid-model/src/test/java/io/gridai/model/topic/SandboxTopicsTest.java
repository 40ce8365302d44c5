package io.gridai.model.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.gridai.model.id.SandboxId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SandboxTopicsTest {

    @Test
    void aSandboxHasACopyOfEveryRegistryTopicUnderItsOwnNamespaceWithTheSameTypesAndSerdes() {
        SandboxTopics sandbox = Topics.sandbox("week-2020-07");

        assertThat(sandbox.sandbox()).isEqualTo(SandboxId.of("week-2020-07"));
        assertThat(sandbox.all()).hasSameSizeAs(Topics.all());
        for (int i = 0; i < Topics.all().size(); i++) {
            Topic<?, ?> real = Topics.all().get(i);
            Topic<?, ?> copy = sandbox.all().get(i);
            assertThat(copy.name()).isEqualTo("sandbox.week-2020-07." + real.name());
            assertThat(copy.keyType()).isEqualTo(real.keyType());
            assertThat(copy.valueType()).isEqualTo(real.valueType());
            assertThat(copy.valueSerde()).isSameAs(real.valueSerde());
            assertThat(copy.partitions()).isEqualTo(real.partitions());
            assertThat(sandbox.of(real)).isEqualTo(copy);
        }
        assertThat(sandbox.setpoints().name()).isEqualTo(SandboxTopics.PREFIX + "week-2020-07." + Topics.GRID_SETPOINTS.name());
        assertThat(sandbox.setpoints()).isEqualTo(sandbox.of(Topics.GRID_SETPOINTS));
        assertThat(Topics.sandbox("week-2020-07")).isEqualTo(sandbox);
    }

    @Test
    void tellsWhichSandboxATopicNameBelongsTo() {
        SandboxTopics s1 = Topics.sandbox("s1");

        assertThat(SandboxTopics.sandboxOf(s1.setpoints().name())).contains(SandboxId.of("s1"));
        assertThat(s1.contains(s1.setpoints().name())).isTrue();
        assertThat(s1.contains(Topics.sandbox("s2").setpoints().name())).isFalse();
        assertThat(s1.contains(Topics.sandbox("s1x").setpoints().name())).as("a longer name is another sandbox").isFalse();
        for (Topic<?, ?> real : Topics.all()) {
            assertThat(SandboxTopics.isSandboxTopic(real.name())).as(real.name()).isFalse();
            assertThat(s1.contains(real.name())).as(real.name()).isFalse();
        }
        assertThat(SandboxTopics.sandboxOf(null)).isEmpty();
        assertThat(SandboxTopics.sandboxOf("sandbox.s1")).isEmpty();
        assertThat(SandboxTopics.sandboxOf("sandbox.s1.")).isEmpty();
        assertThat(SandboxTopics.sandboxOf("sandbox.S1.grid.setpoints")).isEmpty();
    }

    @Test
    void onlyRegistryTopicsHaveSandboxCopies() {
        Topic<?, ?> other = Topics.GRID_AUDIT.inNamespace("elsewhere");

        assertThatIllegalArgumentException().isThrownBy(() -> Topics.sandbox("s1").of(other))
                .withMessageContaining("elsewhere.grid.audit").withMessageContaining("not in the registry");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Week", "week_2020", "week.2020", "-week", "week 1", "wéek"})
    void refusesANameOutsideTheRuleSayingWhatIsAllowed(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> Topics.sandbox(name))
                .withMessageContaining("sandbox name");
    }

    @Test
    void refusesAnOverlongNameAndAcceptsTheLongestAllowed() {
        assertThat(Topics.sandbox("x".repeat(SandboxId.MAX_LENGTH)).setpoints().name()).hasSizeLessThan(Topic.MAX_NAME_LENGTH);
        assertThatIllegalArgumentException().isThrownBy(() -> Topics.sandbox("x".repeat(SandboxId.MAX_LENGTH + 1)))
                .withMessageContaining("41 characters").withMessageContaining("40 allowed");
        assertThatIllegalArgumentException().isThrownBy(() -> SandboxId.of(null)).withMessageContaining("must not be empty");
    }
}
