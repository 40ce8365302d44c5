package io.gridai.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** `gridai audit`: the platform's hash-chained audit log on {@code grid.audit}. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "The platform's audit log (grid.audit): hash-chained events of every service and agent.",
        subcommands = {AuditVerifyCommand.class})
public final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
