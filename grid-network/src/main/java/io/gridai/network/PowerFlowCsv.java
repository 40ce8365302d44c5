package io.gridai.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Objects;

/**
 * Bus voltages of a power flow result as CSV: header {@value #HEADER}, then one row per bus in case order with the
 * MATPOWER bus number, |V| in p.u. and the angle in degrees (MATPOWER's reference), 8 decimals, '.' as decimal
 * separator whatever the locale, {@code \n} line ends. Unsolved values are written {@code NaN}.
 *
 * <pre>
 * bus,vm_pu,va_deg
 * 1,1.04000000,0.00000000
 * </pre>
 */
public final class PowerFlowCsv {

    /** The header line. */
    public static final String HEADER = "bus,vm_pu,va_deg";

    private PowerFlowCsv() {
    }

    /**
     * Writes the bus voltages of a result; the writer is flushed, not closed.
     *
     * @throws UncheckedIOException when the writer fails
     */
    public static void write(AcPowerFlowResult result, Writer writer) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(writer, "writer");
        try {
            writer.write(HEADER);
            writer.write('\n');
            for (AcPowerFlowResult.BusResult bus : result.buses()) {
                writer.write(String.format(Locale.ROOT, "%d,%.8f,%.8f", bus.busNumber(), bus.vmPu(), bus.vaDeg()));
                writer.write('\n');
            }
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write power flow CSV of case " + result.caseName(), e);
        }
    }
}
