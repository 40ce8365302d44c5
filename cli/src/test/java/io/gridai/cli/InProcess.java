package io.gridai.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs a {@code gridai} command line in the test's JVM and keeps what it printed. */
record InProcess(int exit, String out, String err) {

    static InProcess run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = GridAi.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new InProcess(exit, out.toString(), err.toString());
    }
}
