package io.gridai.network;

import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class PowerFlowCsvTest {

    @Test
    void writesOneRowPerBusInCaseOrderWithEightDecimals() {
        AcPowerFlowResult result = new AcPowerFlowResult("c", AcPowerFlowStatus.CONVERGED, "Converged", 3, 7,
                List.of(
                        new AcPowerFlowResult.BusResult(7, PowerFlowBusType.SLACK, 1.04, 0.0, 71.6, 27.0),
                        new AcPowerFlowResult.BusResult(2, PowerFlowBusType.PV, 1.025, 9.280005481643, 163, 6.6),
                        new AcPowerFlowResult.BusResult(30, PowerFlowBusType.PQ, 0.995630858048, -3.988805272851, -125, -50)),
                List.of(), List.of(), 4.64, -92.1);

        StringWriter csv = new StringWriter();
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            PowerFlowCsv.write(result, csv);
        } finally {
            Locale.setDefault(before);
        }

        assertThat(csv.toString()).isEqualTo("""
                bus,vm_pu,va_deg
                7,1.04000000,0.00000000
                2,1.02500000,9.28000548
                30,0.99563086,-3.98880527
                """);
    }
}
