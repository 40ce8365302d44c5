package io.gridai.sim.series;

/**
 * A series read from a file whose missing values were filled, with how much was filled.
 *
 * @param series     the complete series
 * @param filled     number of samples that were missing in the file and filled
 * @param longestGap length of the longest run of consecutive missing samples, in samples (0 if none)
 */
public record LoadedSeries(TimeSeries series, int filled, int longestGap) {
}
