package io.gridai.dispatch.opf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.gridai.network.MatpowerCase;

class DcOpfSmokeTest {

    @ParameterizedTest
    @ValueSource(strings = {"case9", "case14", "case24_ieee_rts", "case30", "case39", "case57", "case118", "case300",
            "case_ACTIVSg200", "case_RTS_GMLC", "case2383wp", "case_ACTIVSg2000"})
    void solves(String name) {
        MatpowerCase c = SharedCases.read(name);
        for (int i = 0; i < 3; i++) {
            DcOpf.Result r = DcOpf.solve(c);
            System.out.printf("%s %s cost=%.6f stats=%s binding=%d%n", name, r.solution().status(), r.costPerHour(), r.solution().stats(),
                    r.solution().binding().size());
            assertThat(r.optimal()).isTrue();
        }
    }
}
