package io.gridai.protocols.c37118;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.gridai.model.Measurement;
import io.gridai.model.QualityFlag;
import io.gridai.model.id.AssetId;
import io.gridai.model.id.SourceId;
import io.gridai.model.unit.MeasurementKind;
import io.gridai.model.unit.Unit;

/**
 * Turns a decoded C37.118 data frame into GridAI {@link Measurement}s, in grid-model's units and conventions, at the
 * frame's time:
 * <ul>
 *   <li>each voltage phasor: {@link MeasurementKind#VOLTAGE} in kV line-to-line (C37.118 phasors are phase
 *       quantities, so by default the magnitude is taken as phase-to-neutral and multiplied by √3; see
 *       {@link VoltageBasis}) and {@link MeasurementKind#VOLTAGE_ANGLE} in degrees;</li>
 *   <li>each current phasor: {@link MeasurementKind#CURRENT} in A (grid-model has no current-angle kind, so current
 *       angles are not mapped);</li>
 *   <li>per PMU: {@link MeasurementKind#FREQUENCY} in Hz and {@link MeasurementKind#ROCOF} in Hz/s.</li>
 * </ul>
 * Values that are not finite (a float PMU's NaN for missing data) are left out. Quality flags come from the PMU's
 * STAT word and the frame's time quality: see {@link #quality}.
 */
public final class PmuMeasurements {

    /** Above this stated time-error bound a value's time tag is suspect: 10 µs (about 0.2° at 50/60 Hz). */
    public static final double MAX_TIME_ERROR_SECONDS = 10e-6;

    /** How voltage phasor magnitudes relate to grid-model's line-to-line kV. */
    public enum VoltageBasis {
        /** Magnitudes are phase-to-neutral (phase or sequence phasors, the usual case): × √3. */
        PHASE_TO_NEUTRAL,
        /** Magnitudes are already line-to-line. */
        LINE_TO_LINE
    }

    /** Names the asset each value belongs to. */
    @FunctionalInterface
    public interface AssetNaming {
        /**
         * @param pmu     the PMU's configuration
         * @param channel the phasor's name, or null for the PMU's frequency and ROCOF
         */
        AssetId asset(PmuConfig pmu, String channel);

        /** {@code pmu-<IDCODE>} for frequency and ROCOF, {@code pmu-<IDCODE>/<channel>} for phasors (other characters → '_'). */
        AssetNaming BY_IDCODE = (pmu, channel) -> AssetId.of(channel == null ? "pmu-" + pmu.idcode()
                : "pmu-" + pmu.idcode() + "/" + sanitize(channel));
    }

    private PmuMeasurements() {
    }

    /** The frame's measurements with the default naming ({@link AssetNaming#BY_IDCODE}) and phase-to-neutral voltages. */
    public static List<Measurement> of(DataFrame frame, SourceId source, Instant ingestTime) {
        return of(frame, source, AssetNaming.BY_IDCODE, VoltageBasis.PHASE_TO_NEUTRAL, ingestTime);
    }

    public static List<Measurement> of(DataFrame frame, SourceId source, AssetNaming naming, VoltageBasis basis,
            Instant ingestTime) {
        List<Measurement> out = new ArrayList<>();
        Instant t = frame.time();
        for (PmuData pmu : frame.pmus()) {
            Set<QualityFlag> flags = quality(frame.header(), pmu.stat());
            PmuConfig config = pmu.config();
            for (Phasor p : pmu.phasors()) {
                AssetId asset = naming.asset(config, p.name());
                if (p.current()) {
                    add(out, source, asset, MeasurementKind.CURRENT, p.magnitude(), Unit.AMPERE, t, ingestTime, flags);
                } else {
                    double volts = basis == VoltageBasis.PHASE_TO_NEUTRAL ? p.magnitude() * Math.sqrt(3) : p.magnitude();
                    add(out, source, asset, MeasurementKind.VOLTAGE, volts, Unit.VOLT, t, ingestTime, flags);
                    add(out, source, asset, MeasurementKind.VOLTAGE_ANGLE, p.angle(), Unit.RADIAN, t, ingestTime, flags);
                }
            }
            AssetId asset = naming.asset(config, null);
            add(out, source, asset, MeasurementKind.FREQUENCY, pmu.frequencyHz(), Unit.HERTZ, t, ingestTime, flags);
            add(out, source, asset, MeasurementKind.ROCOF, pmu.rocof(), Unit.HERTZ_PER_SECOND, t, ingestTime, flags);
        }
        return out;
    }

    /**
     * Quality flags for a PMU's values (grid-model's {@link QualityFlag}; an empty set is good):
     * <ul>
     *   <li>{@link QualityFlag#SUSPECT} when STAT reports a data error (PMU error, test mode, or "do not use"),
     *       PMU sync lost, data sorted by arrival rather than by time stamp, a PMU time quality or a message time
     *       quality whose error bound exceeds {@link #MAX_TIME_ERROR_SECONDS}, or time unlocked for 10 s or more;</li>
     *   <li>{@link QualityFlag#SUBSTITUTED} when STAT says the data were modified by a post-processing device.</li>
     * </ul>
     * The trigger and configuration-change bits say nothing about a value's quality and set no flag.
     */
    public static Set<QualityFlag> quality(Header header, Stat stat) {
        EnumSet<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
        // STAT time quality codes 1..7: error < 100 ns, 1 µs, 10 µs, 100 µs, 1 ms, 10 ms, > 10 ms or unknown
        boolean statTimeBad = stat.timeQuality() >= 4;
        // message time quality code n: error < 10^(n-10) s; 0 locked to UTC; 15 fault
        int code = header.timeQualityCode();
        boolean messageTimeBad = code != 0 && (code == 0xf || Math.pow(10, code - 10) > MAX_TIME_ERROR_SECONDS);
        if (stat.dataError() != 0 || stat.syncLost() || stat.sortedByArrival() || statTimeBad || messageTimeBad
                || stat.unlockedTime() != 0) {
            flags.add(QualityFlag.SUSPECT);
        }
        if (stat.dataModified()) {
            flags.add(QualityFlag.SUBSTITUTED);
        }
        return flags;
    }

    private static void add(List<Measurement> out, SourceId source, AssetId asset, MeasurementKind kind, double value,
            Unit unit, Instant t, Instant ingest, Set<QualityFlag> flags) {
        if (!Double.isFinite(value)) {
            return;
        }
        Measurement m = Measurement.of(source, asset, kind, value, unit, t, ingest);
        out.add(flags.isEmpty() ? m : m.withQuality(flags));
    }

    static String sanitize(String channel) {
        StringBuilder s = new StringBuilder(channel.length());
        for (char c : channel.strip().toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == '-';
            s.append(ok ? c : '_');
        }
        String out = s.toString();
        return out.isEmpty() ? "channel" : out;
    }
}
