package io.gridai.inference.backtest;

import java.time.Instant;

/** One forecast hour of a backtest: when it was issued, for which hour, what it said, and what happened. */
record BacktestRow(Instant issue, Instant target, double p10, double p50, double p90, double actual, double naive,
        double reference) {
}
