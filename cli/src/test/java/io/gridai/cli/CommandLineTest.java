package io.gridai.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import io.gridai.model.topic.Topic;
import io.gridai.model.topic.Topics;
import picocli.CommandLine;

class CommandLineTest {

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"up", "status", "topics"}) {
            StringWriter out = new StringWriter();
            CommandLine cli = GridAi.commandLine();
            cli.setOut(new PrintWriter(out));
            assertThat(cli.execute(command, "--help")).isZero();
            assertThat(out.toString()).contains("Usage: gridai " + command);
        }
    }

    @Test
    void topicsListsTheWholeRegistry() {
        StringWriter out = new StringWriter();
        CommandLine cli = GridAi.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("topics")).isZero();
        for (Topic<?, ?> topic : Topics.all()) {
            assertThat(out.toString()).contains(topic.name());
        }
    }

    @Test
    void dataDirDefaultsToDotGridai() {
        assumeTrue(System.getenv("GRIDAI_DATA_DIR") == null, "GRIDAI_DATA_DIR is set in this environment");
        StatusCommand status = new StatusCommand();
        new CommandLine(status).parseArgs();
        assertThat(status.data.dataDir.toString()).endsWith(".gridai");
    }
}
