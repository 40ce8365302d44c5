package io.gridai.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Topic names live in grid-model's {@code Topics} only: no Java string literal and no configuration value of
 * this module may spell a registry topic's name.
 */
class TopicNamesTest {

    private static final Pattern STRING_LITERAL = Pattern.compile("\"(?:[^\"\\\\\\n]|\\\\.)*\"");

    @Test
    void noSourceOrConfigurationFileSpellsATopicName() throws IOException {
        List<String> names = Stream.concat(Topics.all().stream().map(Topic::name),
                Stream.of(Topics.SOURCE_INBOUND_PREFIX)).toList();
        List<String> offences = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main"), Path.of("src/test"))) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".java")) {
                        Matcher literal = STRING_LITERAL.matcher(Files.readString(file));
                        while (literal.find()) {
                            names.stream().filter(literal.group()::contains)
                                    .forEach(topic -> offences.add(file + ": " + literal.group()));
                        }
                    } else if (name.endsWith(".properties")) {
                        for (String line : Files.readAllLines(file)) {
                            if (!line.strip().startsWith("#")) {
                                names.stream().filter(line::contains).forEach(topic -> offences.add(file + ": " + line));
                            }
                        }
                    }
                }
            }
        }
        assertThat(offences).as("use Topics.X.name() instead of spelling topic names").isEmpty();
    }

    @Test
    void theScanWouldSeeALiteral() {
        String spelled = "\"" + Topics.TELEMETRY_RAW.name() + "\"";
        assertThat(STRING_LITERAL.matcher("send(" + spelled + ", x)").find()).isTrue();
    }
}
