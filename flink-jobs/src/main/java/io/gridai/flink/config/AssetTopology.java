package io.gridai.flink.config;

import io.gridai.model.id.AssetId;
import io.gridai.model.id.SubstationId;
import io.gridai.model.id.ZoneId;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Where each asset sits: its substation and zone, and whether it is a load (for zone load totals).
 *
 * <p>Two sources, the first that knows an asset wins:
 * <ol>
 * <li>{@code topology.file}: a CSV file {@code asset,substation,zone} (header line optional, {@code #} comments);
 * an empty substation or zone cell means none. A utility lists its own assets here.</li>
 * <li>an id convention: {@code topology.pattern}, a regular expression over the whole asset id with named groups,
 * and templates {@code topology.substation} / {@code topology.zone} that use them ({@code ${group}}). The default
 * fits the grid twin's ids on 3-digit bus numbers where the first digit is the area (RTS-GMLC):
 * {@code bus-101}, {@code load-101}, {@code gen-101_CT_1}, {@code bess-313_STORAGE_1} → substation
 * {@code sub-101}, zone {@code zone-1}.</li>
 * <li>a zone's whole load as one asset, as the archive's importers write regional load history:
 * {@code topology.zone-load-pattern} with a named group {@code zone} that is the zone id; the default
 * {@code load-(?<zone>zone-[a-z0-9-]+)} puts {@code load-zone-1} in zone {@code zone-1} (no substation).</li>
 * </ol>
 * Assets neither source knows (branches between two substations, {@code system}) get asset-level aggregates and
 * alerts only. An asset is a load when its id matches {@code topology.load-pattern} (default {@code load-.*}).
 */
public final class AssetTopology implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_PATTERN = "(?:bus|load|gen|bess)-(?<bus>(?<area>[1-9])[0-9]{2})(?:[^0-9].*)?";
    public static final String DEFAULT_SUBSTATION = "sub-${bus}";
    public static final String DEFAULT_ZONE = "zone-${area}";
    public static final String DEFAULT_LOAD_PATTERN = "load-.*";
    public static final String DEFAULT_ZONE_LOAD_PATTERN = "load-(?<zone>zone-[a-z0-9-]+)";

    /** Where one asset sits; either may be absent. */
    public record Placement(Optional<SubstationId> substation, Optional<ZoneId> zone) implements Serializable {
        static final Placement NOWHERE = new Placement(Optional.empty(), Optional.empty());
    }

    private final Map<String, String[]> explicit;
    private final String pattern;
    private final String substationTemplate;
    private final String zoneTemplate;
    private final String loadPattern;
    private final String zoneLoadPattern;
    private transient Pattern compiled;
    private transient Pattern compiledZoneLoad;
    private transient Pattern compiledLoad;
    private transient Map<String, Placement> cache;

    public AssetTopology(Map<String, String[]> explicit, String pattern, String substationTemplate,
            String zoneTemplate, String loadPattern) {
        this(explicit, pattern, substationTemplate, zoneTemplate, loadPattern, DEFAULT_ZONE_LOAD_PATTERN);
    }

    public AssetTopology(Map<String, String[]> explicit, String pattern, String substationTemplate,
            String zoneTemplate, String loadPattern, String zoneLoadPattern) {
        this.zoneLoadPattern = zoneLoadPattern;
        this.explicit = new HashMap<>(explicit);
        this.pattern = pattern;
        this.substationTemplate = substationTemplate;
        this.zoneTemplate = zoneTemplate;
        this.loadPattern = loadPattern;
        try {
            Pattern.compile(pattern);
            Pattern.compile(loadPattern);
            if (!zoneLoadPattern.isEmpty() && !zoneLoadPattern.contains("(?<zone>")) {
                throw new SettingsException("topology.zone-load-pattern '" + zoneLoadPattern + "' has no named group"
                        + " (?<zone>...) saying which part of the asset id is the zone id; add one, or leave the key"
                        + " empty to switch the rule off");
            }
            Pattern.compile(zoneLoadPattern);
        } catch (PatternSyntaxException e) {
            throw new SettingsException("topology.pattern, topology.load-pattern or topology.zone-load-pattern is not"
                    + " a regular expression: " + e.getMessage(), e);
        }
    }

    /** The default convention only (no file). */
    public static AssetTopology defaults() {
        return new AssetTopology(Map.of(), DEFAULT_PATTERN, DEFAULT_SUBSTATION, DEFAULT_ZONE, DEFAULT_LOAD_PATTERN);
    }

    static AssetTopology read(PropertyReader p) {
        Map<String, String[]> explicit = p.text("topology.file").map(file -> readFile(Path.of(file))).orElse(Map.of());
        return new AssetTopology(explicit, p.text("topology.pattern", DEFAULT_PATTERN),
                p.text("topology.substation", DEFAULT_SUBSTATION), p.text("topology.zone", DEFAULT_ZONE),
                p.text("topology.load-pattern", DEFAULT_LOAD_PATTERN),
                p.textOrEmpty("topology.zone-load-pattern", DEFAULT_ZONE_LOAD_PATTERN));
    }

    /** Reads {@code asset,substation,zone} lines. */
    public static Map<String, String[]> readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read topology.file " + file + "; give a readable CSV file of"
                    + " asset,substation,zone lines", e);
        }
        Map<String, String[]> placements = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.startsWith("asset,"))) {
                continue;
            }
            String[] cells = line.split(",", -1);
            if (cells.length != 3) {
                throw new SettingsException("topology.file " + file + " line " + (i + 1) + " has " + cells.length
                        + " cells; write asset,substation,zone (leave a cell empty for none)");
            }
            try {
                AssetId.of(cells[0].strip());
                if (!cells[1].isBlank()) {
                    SubstationId.of(cells[1].strip());
                }
                if (!cells[2].isBlank()) {
                    ZoneId.of(cells[2].strip());
                }
            } catch (IllegalArgumentException e) {
                throw new SettingsException("topology.file " + file + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
            placements.put(cells[0].strip(), new String[] {cells[1].strip(), cells[2].strip()});
        }
        return placements;
    }

    /** Where {@code asset} sits. */
    public Placement placementOf(String asset) {
        if (cache == null) {
            cache = new HashMap<>();
        }
        return cache.computeIfAbsent(asset, this::resolve);
    }

    /** True when {@code asset} is a load whose ACTIVE_POWER counts in its zone's load total. */
    public boolean isLoad(String asset) {
        if (compiledLoad == null) {
            compiledLoad = Pattern.compile(loadPattern);
        }
        return compiledLoad.matcher(asset).matches();
    }

    private Placement resolve(String asset) {
        String[] cells = explicit.get(asset);
        if (cells != null) {
            return new Placement(cells[0].isEmpty() ? Optional.empty() : Optional.of(SubstationId.of(cells[0])),
                    cells[1].isEmpty() ? Optional.empty() : Optional.of(ZoneId.of(cells[1])));
        }
        if (compiled == null && !pattern.isEmpty()) {
            compiled = Pattern.compile(pattern);
        }
        if (compiled == null || !compiled.matcher(asset).matches()) {
            return zoneLoadPlacement(asset);
        }
        return new Placement(expand(compiled, asset, substationTemplate).map(SubstationId::of),
                expand(compiled, asset, zoneTemplate).map(ZoneId::of));
    }

    private Placement zoneLoadPlacement(String asset) {
        if (zoneLoadPattern.isEmpty()) {
            return Placement.NOWHERE;
        }
        if (compiledZoneLoad == null) {
            compiledZoneLoad = Pattern.compile(zoneLoadPattern);
        }
        Matcher matcher = compiledZoneLoad.matcher(asset);
        if (!matcher.matches()) {
            return Placement.NOWHERE;
        }
        try {
            return new Placement(Optional.empty(), Optional.of(ZoneId.of(matcher.group("zone"))));
        } catch (IllegalArgumentException e) {
            return Placement.NOWHERE; // not a zone id after all
        }
    }

    private static Optional<String> expand(Pattern pattern, String asset, String template) {
        if (template.isEmpty()) {
            return Optional.empty();
        }
        Matcher matcher = pattern.matcher(asset);
        matcher.matches();
        StringBuilder out = new StringBuilder();
        matcher.appendReplacement(out, template);
        return Optional.of(out.toString());
    }
}
