package io.gridai.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.gridai.network.AcPowerFlow;
import io.gridai.network.AcPowerFlowOptions;
import io.gridai.network.AcPowerFlowResult;
import io.gridai.network.MatpowerCase;
import io.gridai.network.MatpowerCaseReader;
import io.gridai.network.PowerFlowCsv;
import io.gridai.network.PowerMismatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `gridai powerflow --case FILE.m`: one AC power flow with MATPOWER's conventions (single slack bus, reactive
 * limits not enforced, no distributed slack), solved by OpenLoadFlow, printed as {@code bus,vm_pu,va_deg} CSV.
 */
@Command(name = "powerflow", mixinStandardHelpOptions = true,
        description = {"Solve one AC power flow of a MATPOWER .m case with MATPOWER's runpf conventions and print",
                "bus,vm_pu,va_deg as CSV on stdout. A summary (iterations, losses, largest bus power mismatch from an",
                "independent Ybus check) goes to stderr. Exit code 0 converged, 3 not converged."})
public final class PowerFlowCommand implements Callable<Integer> {

    static final int NOT_CONVERGED = 3;

    @Option(names = "--case", required = true, paramLabel = "FILE.m", description = "MATPOWER case file (text .m format).")
    Path caseFile;

    @Option(names = "--init", defaultValue = "CASE", paramLabel = "CASE|FLAT",
            description = "Starting point: the case's VM/VA as runpf (default), or a flat start.")
    AcPowerFlowOptions.InitialState initialState;

    @Option(names = "--max-iterations", defaultValue = "" + AcPowerFlowOptions.DEFAULT_MAX_ITERATIONS,
            description = "Newton-Raphson iteration limit (default: ${DEFAULT-VALUE}).")
    int maxIterations;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        MatpowerCase matpowerCase = MatpowerCaseReader.read(caseFile);
        AcPowerFlowOptions options = AcPowerFlowOptions.defaults().withInitialState(initialState).withMaxIterations(maxIterations);
        AcPowerFlowResult result = AcPowerFlow.solve(matpowerCase, options);
        if (!result.converged()) {
            err.printf("%s: the AC power flow did not converge (%s: %s) after %d iterations%n", matpowerCase.name(),
                    result.status(), result.statusText(), result.iterations());
            err.flush();
            return NOT_CONVERGED;
        }
        PowerFlowCsv.write(result, out);
        out.flush();
        PowerMismatch mismatch = PowerMismatch.compute(matpowerCase, result);
        err.printf(Locale.ROOT, "%s: converged in %d iterations; %d buses; losses %.3f MW; max |dP| %.2e MW, max |dQ| %.2e Mvar%n",
                matpowerCase.name(), result.iterations(), result.buses().size(), result.activeLossesMw(),
                mismatch.maxActiveMw(), mismatch.maxReactiveMvar());
        err.flush();
        return 0;
    }
}
