package io.gridai.gateway.review.study;

/**
 * How studies are solved.
 *
 * @param threadCount   OpenLoadFlow security analysis threads over the N-1 outages (default {@value #THREAD_COUNT_DEFAULT})
 * @param toleranceMw   Newton-Raphson mismatch per bus equation, MW / Mvar (default {@value #TOLERANCE_MW_DEFAULT})
 * @param maxIterations Newton-Raphson iterations per solve (default {@value #MAX_ITERATIONS_DEFAULT})
 * @param reportLoadingPct after an outage, branch loadings are reported from this % of the rating up (default
 *                      {@value #REPORT_LOADING_PCT_DEFAULT}); lower ones are not (OpenLoadFlow checks them as limits,
 *                      which is much faster than returning every branch's flow after every outage). Without outage every
 *                      flow is reported. Must be below the overload threshold.
 */
public record StudyOptions(int threadCount, double toleranceMw, int maxIterations, double reportLoadingPct) {

    public static final int THREAD_COUNT_DEFAULT = 1;
    public static final double TOLERANCE_MW_DEFAULT = 1e-3;
    public static final int MAX_ITERATIONS_DEFAULT = 30;
    public static final double REPORT_LOADING_PCT_DEFAULT = 85.0;

    public StudyOptions {
        if (threadCount < 1 || !(toleranceMw > 0) || maxIterations < 1 || !(reportLoadingPct > 0)) {
            throw new IllegalArgumentException("StudyOptions need threadCount >= 1, toleranceMw > 0, maxIterations >= 1,"
                    + " reportLoadingPct > 0: " + threadCount + ", " + toleranceMw + ", " + maxIterations + ", " + reportLoadingPct);
        }
    }

    public static StudyOptions defaults() {
        return new StudyOptions(THREAD_COUNT_DEFAULT, TOLERANCE_MW_DEFAULT, MAX_ITERATIONS_DEFAULT, REPORT_LOADING_PCT_DEFAULT);
    }

    public StudyOptions withThreadCount(int threads) {
        return new StudyOptions(threads, toleranceMw, maxIterations, reportLoadingPct);
    }
}
