package io.gridai.protocols.live.iec104;

import io.gridai.model.QualityFlag;
import io.gridai.model.id.SourceId;
import io.gridai.protocols.live.FieldEvent;
import io.gridai.protocols.live.FieldReading;
import io.gridai.protocols.points.Iec104Point;
import io.gridai.protocols.points.Iec104PointMap;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openmuc.j60870.ASdu;
import org.openmuc.j60870.ASduType;
import org.openmuc.j60870.ie.IeDoublePointWithQuality;
import org.openmuc.j60870.ie.IeNormalizedValue;
import org.openmuc.j60870.ie.IeQuality;
import org.openmuc.j60870.ie.IeScaledValue;
import org.openmuc.j60870.ie.IeShortFloat;
import org.openmuc.j60870.ie.IeSinglePointWithQuality;
import org.openmuc.j60870.ie.IeTime56;
import org.openmuc.j60870.ie.InformationElement;
import org.openmuc.j60870.ie.InformationObject;

/**
 * Turns the monitoring ASDUs of one station into {@link FieldReading}s through its point map. Not thread-safe: one
 * per connection loop.
 *
 * <p><b>Types.</b> Single points ({@code M_SP_NA_1}, {@code M_SP_TB_1}), double points ({@code M_DP_NA_1},
 * {@code M_DP_TB_1}), normalised ({@code M_ME_NA_1}, {@code M_ME_TD_1}, {@code M_ME_ND_1}), scaled
 * ({@code M_ME_NB_1}, {@code M_ME_TE_1}) and short float ({@code M_ME_NC_1}, {@code M_ME_TF_1}) measured values, spontaneous,
 * cyclic or interrogated alike. Other types are counted as {@link FieldEvent#UNSUPPORTED_TYPE}.
 *
 * <p><b>Time.</b> A valid CP56Time2a tag is the event time, read in the station's time zone (its summer-time bit is
 * ignored: give the zone, or UTC); without one (or with its invalid bit set, or with only a CP24Time2a) the event
 * time is the receive time and the reading gets the station's receive-time flag.
 *
 * <p><b>Quality.</b> IV (invalid) → {@link QualityFlag#SUSPECT}, NT (not topical) → {@link QualityFlag#STALE}, SB
 * (substituted) → {@link QualityFlag#SUBSTITUTED}, BL (blocked: the value frozen as it was before blocking) →
 * {@link QualityFlag#STUCK}, OV (overflow) → {@link QualityFlag#OUT_OF_RANGE}. The first value of each point after a
 * lost connection also gets {@link QualityFlag#GAP}: spontaneous changes may have been missed meanwhile.
 */
public final class Iec104Decoder {

    /** The protocol name written on readings and events. */
    public static final String PROTOCOL = "iec104";

    private final SourceId source;
    private final Iec104PointMap points;
    private final ZoneId timeZone;
    private final Optional<QualityFlag> receiveTimeFlag;
    private final Set<Iec104Point.Address> missed = new HashSet<>();

    public Iec104Decoder(SourceId source, Iec104PointMap points, ZoneId timeZone,
            Optional<QualityFlag> receiveTimeFlag) {
        this.source = source;
        this.points = points;
        this.timeZone = timeZone;
        this.receiveTimeFlag = receiveTimeFlag;
    }

    /** What one ASDU gave: readings, and events to count (unmapped points, unsupported types, …). */
    public record Decoded(List<FieldReading> readings, List<Problem> problems) {
    }

    /** An event to count, with a detail for the log. */
    public record Problem(FieldEvent event, String detail) {
    }

    /** The connection is gone: the next value of every point is flagged {@link QualityFlag#GAP}. */
    public void connectionLost() {
        points.points().forEach(p -> missed.add(p.address()));
    }

    public Decoded decode(ASdu asdu, Instant receivedAt) {
        ASduType type = asdu.getTypeIdentification();
        List<FieldReading> readings = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (!isMonitoredValue(type)) {
            if (type.name().startsWith("M_")) {
                problems.add(new Problem(FieldEvent.UNSUPPORTED_TYPE, type + " at ca=" + asdu.getCommonAddress()
                        + " is not turned into measurements (supported: single and double points, normalised, scaled"
                        + " and short float measured values)"));
            }
            return new Decoded(readings, problems);
        }
        int ca = asdu.getCommonAddress();
        String cause = asdu.getCauseOfTransmission().name();
        for (InformationObject object : asdu.getInformationObjects()) {
            InformationElement[][] sets = object.getInformationElements();
            for (int i = 0; i < sets.length; i++) {
                int ioa = object.getInformationObjectAddress() + (asdu.isSequenceOfElements() ? i : 0);
                Optional<Iec104Point> point = points.find(ca, ioa);
                if (point.isEmpty()) {
                    problems.add(new Problem(FieldEvent.UNMAPPED_POINT, type + " ca=" + ca + " ioa=" + ioa
                            + " is not in the point map; add it to the station's points to take it in"));
                    continue;
                }
                decodeElements(point.get(), type, cause, sets[i], receivedAt, readings, problems);
            }
        }
        return new Decoded(readings, problems);
    }

    private void decodeElements(Iec104Point point, ASduType type, String cause, InformationElement[] elements,
            Instant receivedAt, List<FieldReading> readings, List<Problem> problems) {
        double raw = Double.NaN;
        boolean hasValue = false;
        EnumSet<QualityFlag> flags = EnumSet.noneOf(QualityFlag.class);
        Instant eventTime = null;
        for (InformationElement element : elements) {
            if (element instanceof IeShortFloat f) {
                raw = f.getValue();
                hasValue = true;
            } else if (element instanceof IeScaledValue s) { // before IeNormalizedValue, which it extends
                raw = s.getUnnormalizedValue();
                hasValue = true;
            } else if (element instanceof IeNormalizedValue n) {
                raw = n.getNormalizedValue();
                hasValue = true;
            } else if (element instanceof IeQuality q) {
                addFlags(flags, q.isInvalid(), q.isNotTopical(), q.isSubstituted(), q.isBlocked(), q.isOverflow());
            } else if (element instanceof IeSinglePointWithQuality sp) {
                raw = sp.isOn() ? 1 : 0;
                hasValue = true;
                addFlags(flags, sp.isInvalid(), sp.isNotTopical(), sp.isSubstituted(), sp.isBlocked(), false);
            } else if (element instanceof IeDoublePointWithQuality dp) {
                switch (dp.getDoublePointInformation()) {
                    case OFF -> {
                        raw = 0;
                        hasValue = true;
                    }
                    case ON -> {
                        raw = 1;
                        hasValue = true;
                    }
                    default -> {
                        problems.add(new Problem(FieldEvent.INDETERMINATE, "double point " + point.name() + " ("
                                + point.address() + ") is " + dp.getDoublePointInformation() + "; no value taken"));
                        return;
                    }
                }
                addFlags(flags, dp.isInvalid(), dp.isNotTopical(), dp.isSubstituted(), dp.isBlocked(), false);
            } else if (element instanceof IeTime56 time && !time.isInvalid()) {
                eventTime = instant(time);
            }
        }
        if (!hasValue) {
            return;
        }
        if (eventTime == null) {
            eventTime = receivedAt;
            receiveTimeFlag.ifPresent(flags::add);
        }
        if (missed.remove(point.address())) {
            flags.add(QualityFlag.GAP);
        }
        readings.add(new FieldReading(source, point.target().asset(), point.target().kind(),
                point.target().apply(raw), point.target().unit(), flags, eventTime,
                PROTOCOL + " " + point.address() + " " + type + " " + cause));
    }

    private static void addFlags(Set<QualityFlag> flags, boolean invalid, boolean notTopical, boolean substituted,
            boolean blocked, boolean overflow) {
        if (invalid) {
            flags.add(QualityFlag.SUSPECT);
        }
        if (notTopical) {
            flags.add(QualityFlag.STALE);
        }
        if (substituted) {
            flags.add(QualityFlag.SUBSTITUTED);
        }
        if (blocked) {
            flags.add(QualityFlag.STUCK);
        }
        if (overflow) {
            flags.add(QualityFlag.OUT_OF_RANGE);
        }
    }

    /**
     * The tag's instant: its fields read as a local date-time of the station's zone, years 00–99 as 2000–2099 (the
     * library's own conversion uses the JVM's default zone and the summer-time bit).
     */
    Instant instant(IeTime56 time) {
        try {
            LocalDateTime local = LocalDateTime.of(2000 + time.getYear(), time.getMonth(), time.getDayOfMonth(),
                    time.getHour(), time.getMinute(), time.getSecond(), time.getMillisecond() * 1_000_000);
            return local.atZone(timeZone).toInstant();
        } catch (DateTimeException e) {
            return null; // a tag with an impossible date counts as no tag
        }
    }

    private static boolean isMonitoredValue(ASduType type) {
        return switch (type) {
            case M_SP_NA_1, M_SP_TA_1, M_SP_TB_1, M_DP_NA_1, M_DP_TA_1, M_DP_TB_1, M_ME_NA_1, M_ME_TA_1, M_ME_TD_1,
                    M_ME_ND_1, M_ME_NB_1, M_ME_TB_1, M_ME_TE_1, M_ME_NC_1, M_ME_TC_1, M_ME_TF_1 -> true;
            default -> false;
        };
    }
}
