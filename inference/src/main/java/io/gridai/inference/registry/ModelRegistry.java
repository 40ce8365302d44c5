package io.gridai.inference.registry;

import io.gridai.inference.model.ForecastModel;
import io.gridai.inference.model.ModelMetadata;
import io.gridai.inference.model.ModelMetadata.Horizon;
import io.gridai.inference.serve.InferenceSettings;
import io.gridai.inference.serve.OnnxForecastModel;
import io.gridai.inference.serve.OnnxRuntimeException;
import io.gridai.model.id.ZoneId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Model versions on disk, which one serves each zone and horizon, and the loaded models.
 *
 * <pre>
 * &lt;root&gt;/&lt;zone&gt;/&lt;horizon&gt;/&lt;version&gt;.onnx   every published version (immutable once written)
 * &lt;root&gt;/&lt;zone&gt;/&lt;horizon&gt;/ACTIVE           the version that serves (one line)
 * &lt;root&gt;/&lt;zone&gt;/&lt;horizon&gt;/SHADOW           optional: a version run on the same rows, never published
 * </pre>
 *
 * {@code <horizon>} is {@code day_ahead} or {@code intraday}; {@code <zone>} is the zone id with {@code :} and
 * {@code /} written as {@code %3A} and {@code %2F}. Every file is written to a temporary name and moved into place,
 * so a reader (another process, a running job) sees the old content or the new one, never half of it. The bytes of
 * a model are stored once, in {@code <root>/.blobs/<sha-256>.onnx}, and each version file is a hard link to its
 * blob (a copy where the file system has no hard links): one model published to a thousand zones takes the disk
 * space, the validation and the loading of one.
 *
 * <p><b>Serving</b> ({@link #active}, {@link #shadow}, {@link #refresh}) is for one thread: each operator subtask
 * owns a registry. The first look-up of a zone and horizon reads its pointer files and loads its models; later
 * look-ups come from memory. {@link #refresh()} re-reads the pointer files of every zone seen, at most once per
 * refresh interval, loads what they now name and closes the models nothing names any more — so a model handed out
 * before a refresh may be closed by it: call it only when no earlier model is still in use (the forecast operator
 * calls it right after a flush, when its buffers are empty). A new version that fails to load is reported and the
 * previous one keeps serving. Version files that are the same file (links to one blob) are loaded once, so the
 * operator batches the rows of all the zones that share a model.
 *
 * <p><b>Administration</b> ({@link #publish}, {@link #activate}, {@link #setShadow}, {@link #clearShadow},
 * {@link #versions}) works on the files only and may run in another process.
 */
public final class ModelRegistry implements AutoCloseable {

    /** Default of {@code registry.refresh-interval}: how often a running job looks for changed pointers. */
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(10);
    /** The file naming the serving version. */
    public static final String ACTIVE = "ACTIVE";
    /** The file naming the shadow version. */
    public static final String SHADOW = "SHADOW";
    static final String MODEL_SUFFIX = ".onnx";
    static final String BLOBS = ".blobs";

    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private final Path root;
    private final InferenceSettings inference;
    private final long refreshIntervalNanos;
    private final LongSupplier nanoTime;
    private final Map<Slot, Pointers> slots = new HashMap<>();
    /** Loaded models by file identity (links to one blob share one session). */
    private final Map<Object, Loaded> loaded = new HashMap<>();
    private long lastRefresh;
    private boolean refreshedOnce;

    /**
     * @param root            the registry folder (created when absent)
     * @param inference       how models run (CPU or CUDA, threads)
     * @param refreshInterval at least this long between two pointer checks of {@link #refresh()}; zero checks on
     *                        every call
     */
    public ModelRegistry(Path root, InferenceSettings inference, Duration refreshInterval) {
        this(root, inference, refreshInterval, System::nanoTime);
    }

    ModelRegistry(Path root, InferenceSettings inference, Duration refreshInterval, LongSupplier nanoTime) {
        this.root = Objects.requireNonNull(root, "root");
        this.inference = Objects.requireNonNull(inference, "inference");
        if (refreshInterval.isNegative()) {
            throw new IllegalArgumentException("refresh interval must not be negative but was " + refreshInterval);
        }
        this.refreshIntervalNanos = refreshInterval.toNanos();
        this.nanoTime = nanoTime;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the model registry folder " + root, e);
        }
    }

    public Path root() {
        return root;
    }

    // ---------------------------------------------------------------------------------------------- administration

    /**
     * Stores a model for {@code zone} under the version, horizon and everything else its own metadata says; the
     * model must load (ONNX Runtime) and fit its metadata (checked once per distinct model). Does not activate it.
     *
     * @return the model's metadata
     * @throws IllegalArgumentException when the bytes are not a GridAI model (ONNX Runtime cannot load them, or they
     *                                  do not fit their metadata) or the zone already has that version
     */
    public ModelMetadata publish(ZoneId zone, byte[] onnx) {
        Path blob = storeBlob(zone, onnx);
        ModelMetadata metadata = OnnxForecastModel.metadataOf(blob);
        String version = requireVersion(metadata.version());
        Path folder = folder(zone, metadata.horizon());
        Path target = folder.resolve(version + MODEL_SUFFIX);
        try {
            Files.createDirectories(folder);
            try {
                // A hard link is an atomic "create unless it exists": two publishers of one version cannot both win.
                Files.createLink(target, blob);
            } catch (UnsupportedOperationException e) {
                Path temp = Files.createTempFile(folder, ".publish-", ".tmp");
                try {
                    Files.write(temp, onnx);
                    Files.move(temp, target);
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("zone " + zone + " already has " + metadata.horizon()
                    + " model version '" + version + "' (" + target + "); versions are immutable — publish it under a new version", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store model " + version + " of zone " + zone + " in " + folder, e);
        }
        LOG.info("model published: zone={} horizon={} version={} file={}", zone, metadata.horizon(), version, target);
        return metadata;
    }

    /** The blob of {@code onnx}, written (once ONNX Runtime has loaded it) unless these bytes were stored before. */
    private Path storeBlob(ZoneId zone, byte[] onnx) {
        Path blobs = root.resolve(BLOBS);
        Path blob = blobs.resolve(Sha256.hex(onnx) + MODEL_SUFFIX);
        if (Files.isRegularFile(blob)) {
            return blob;
        }
        try (OnnxForecastModel model = OnnxForecastModel.load(onnx, "to publish for " + zone, inference)) {
            requireVersion(model.metadata().version());
        } catch (OnnxRuntimeException e) {
            throw new IllegalArgumentException("the model to publish for zone " + zone + " does not load: "
                    + e.getMessage(), e);
        }
        try {
            Files.createDirectories(blobs);
            Path temp = Files.createTempFile(blobs, ".blob-", ".tmp");
            try {
                Files.write(temp, onnx);
                Files.move(temp, blob, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a model in " + blobs, e);
        }
        return blob;
    }

    /** Makes {@code version} (published before) the one that serves {@code zone}'s {@code horizon} forecasts. */
    public void activate(ZoneId zone, Horizon horizon, String version) {
        writePointer(zone, horizon, ACTIVE, version);
    }

    /** Runs {@code version} (published before) as a shadow of the active model: same rows, never published. */
    public void setShadow(ZoneId zone, Horizon horizon, String version) {
        writePointer(zone, horizon, SHADOW, version);
    }

    /** Stops the shadow of {@code zone}'s {@code horizon}, if any. */
    public void clearShadow(ZoneId zone, Horizon horizon) {
        try {
            Files.deleteIfExists(folder(zone, horizon).resolve(SHADOW));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the shadow pointer of zone " + zone + " " + horizon, e);
        }
    }

    /** The published versions of {@code zone}'s {@code horizon}, sorted by name; empty when there are none. */
    public List<String> versions(ZoneId zone, Horizon horizon) {
        Path folder = folder(zone, horizon);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(MODEL_SUFFIX) && !n.startsWith("."))
                    .map(n -> n.substring(0, n.length() - MODEL_SUFFIX.length()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the models of zone " + zone + " in " + folder, e);
        }
    }

    /** The version the {@code ACTIVE} file names now (read from disk, not the cache). */
    public Optional<String> activeVersion(ZoneId zone, Horizon horizon) {
        return readPointer(folder(zone, horizon).resolve(ACTIVE));
    }

    /** The version the {@code SHADOW} file names now (read from disk, not the cache). */
    public Optional<String> shadowVersion(ZoneId zone, Horizon horizon) {
        return readPointer(folder(zone, horizon).resolve(SHADOW));
    }

    /** The file of a published version. */
    public Path file(ZoneId zone, Horizon horizon, String version) {
        return folder(zone, horizon).resolve(requireVersion(version) + MODEL_SUFFIX);
    }

    // ----------------------------------------------------------------------------------------------------- serving

    /** The model serving {@code zone}'s {@code horizon} forecasts; empty when the zone has none (or none loads). */
    public Optional<ForecastModel> active(ZoneId zone, Horizon horizon) {
        return Optional.ofNullable(pointers(zone, horizon).active).map(l -> l.model);
    }

    /** The shadow model of {@code zone}'s {@code horizon}; empty when there is none. */
    public Optional<ForecastModel> shadow(ZoneId zone, Horizon horizon) {
        return Optional.ofNullable(pointers(zone, horizon).shadow).map(l -> l.model);
    }

    /**
     * Re-reads the pointer files if the refresh interval has passed since the last check (else does nothing), loads
     * what they name and closes the models nothing names any more. Call it only when no model from an earlier
     * look-up is still in use.
     *
     * @return whether a pointer changed
     */
    public boolean refresh() {
        return refreshDue() && refreshNow();
    }

    /** Whether {@link #refresh()} would look at the pointer files now (the interval has passed). */
    public boolean refreshDue() {
        return !refreshedOnce || nanoTime.getAsLong() - lastRefresh >= refreshIntervalNanos;
    }

    /** {@link #refresh()} without waiting for the interval. */
    public boolean refreshNow() {
        lastRefresh = nanoTime.getAsLong();
        refreshedOnce = true;
        boolean changed = false;
        for (Map.Entry<Slot, Pointers> e : slots.entrySet()) {
            changed |= update(e.getKey(), e.getValue());
        }
        if (changed) {
            closeUnused();
        }
        return changed;
    }

    /** How many distinct models are loaded now. */
    public int loadedModels() {
        return loaded.size();
    }

    @Override
    public void close() {
        slots.clear();
        loaded.values().forEach(l -> l.model.close());
        loaded.clear();
    }

    private Pointers pointers(ZoneId zone, Horizon horizon) {
        Slot slot = new Slot(zone, horizon);
        Pointers pointers = slots.get(slot);
        if (pointers == null) {
            pointers = new Pointers();
            update(slot, pointers);
            slots.put(slot, pointers);
        }
        return pointers;
    }

    /** Reads the slot's pointer files and loads what changed; whether anything did. */
    private boolean update(Slot slot, Pointers pointers) {
        Path folder = folder(slot.zone, slot.horizon);
        Optional<String> active = readPointer(folder.resolve(ACTIVE));
        Optional<String> shadow = readPointer(folder.resolve(SHADOW));
        boolean changed = false;
        if (!Objects.equals(active.orElse(null), pointers.activeName)) {
            pointers.activeName = active.orElse(null);
            Loaded next = active.flatMap(v -> load(slot, v, ACTIVE)).orElse(null);
            if (next != null || active.isEmpty()) {
                pointers.active = next;
            }
            changed = true;
        }
        if (!Objects.equals(shadow.orElse(null), pointers.shadowName)) {
            pointers.shadowName = shadow.orElse(null);
            pointers.shadow = shadow.flatMap(v -> load(slot, v, SHADOW)).orElse(null);
            changed = true;
        }
        return changed;
    }

    private Optional<Loaded> load(Slot slot, String version, String role) {
        Path file = folder(slot.zone, slot.horizon).resolve(version + MODEL_SUFFIX);
        Object identity;
        byte[] bytes = null;
        try {
            identity = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            if (identity == null) { // no inodes here: the content is the identity
                bytes = Files.readAllBytes(file);
                identity = Sha256.hex(bytes);
            }
        } catch (NoSuchFileException e) {
            LOG.warn("model not found: zone={} horizon={} {}={} file={} (publish it first); {}", slot.zone,
                    slot.horizon, role, version, file, keeps(role));
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("model unreadable: zone={} horizon={} {}={} file={} reason={}; {}", slot.zone, slot.horizon,
                    role, version, file, e.toString(), keeps(role));
            return Optional.empty();
        }
        Loaded existing = loaded.get(identity);
        if (existing != null) {
            return checked(existing, slot, version, role);
        }
        OnnxForecastModel model;
        try {
            model = bytes == null ? OnnxForecastModel.load(file, inference)
                    : OnnxForecastModel.load(bytes, file.toString(), inference);
        } catch (OnnxRuntimeException | IllegalArgumentException e) {
            LOG.warn("model unavailable: zone={} horizon={} {}={} file={} reason={}; {}", slot.zone, slot.horizon,
                    role, version, file, e.getMessage(), keeps(role));
            return Optional.empty();
        }
        Loaded fresh = new Loaded(identity, model);
        LOG.info("model loaded: zone={} horizon={} {}={} provider={} features={} quantiles={}", slot.zone,
                slot.horizon, role, version, model.executionProvider(), model.metadata().features().size(),
                model.metadata().quantiles());
        Optional<Loaded> result = checked(fresh, slot, version, role);
        if (result.isPresent()) {
            loaded.put(identity, fresh);
        } else {
            model.close();
        }
        return result;
    }

    /** The file's metadata must agree with where it sits. */
    private static Optional<Loaded> checked(Loaded candidate, Slot slot, String version, String role) {
        ModelMetadata m = candidate.model.metadata();
        if (m.horizon() != slot.horizon || !m.version().equals(version)) {
            LOG.warn("model refused: zone={} horizon={} {}={} but the file says version={} horizon={}; publish models"
                    + " with ModelRegistry.publish", slot.zone, slot.horizon, role, version, m.version(), m.horizon());
            return Optional.empty();
        }
        return Optional.of(candidate);
    }

    private static String keeps(String role) {
        return role.equals(ACTIVE) ? "the previous active model (if any) keeps serving" : "no shadow runs";
    }

    private void closeUnused() {
        Set<Object> used = new HashSet<>();
        for (Pointers p : slots.values()) {
            if (p.active != null) {
                used.add(p.active.identity);
            }
            if (p.shadow != null) {
                used.add(p.shadow.identity);
            }
        }
        List<Object> unused = new ArrayList<>();
        loaded.forEach((identity, l) -> {
            if (!used.contains(identity)) {
                unused.add(identity);
            }
        });
        for (Object identity : unused) {
            Loaded l = loaded.remove(identity);
            LOG.info("model closed: version={} (no zone uses it any more)", l.model.metadata().version());
            l.model.close();
        }
    }

    private void writePointer(ZoneId zone, Horizon horizon, String name, String version) {
        requireVersion(version);
        Path folder = folder(zone, horizon);
        Path model = folder.resolve(version + MODEL_SUFFIX);
        if (!Files.isRegularFile(model)) {
            throw new IllegalArgumentException("zone " + zone + " has no " + horizon + " model version '" + version
                    + "' (no " + model + "); published versions: " + versions(zone, horizon));
        }
        try {
            Path temp = Files.createTempFile(folder, "." + name + "-", ".tmp");
            try {
                Files.writeString(temp, version + "\n", StandardCharsets.UTF_8);
                Files.move(temp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + name + " of zone " + zone + " " + horizon + " in "
                    + folder, e);
        }
        LOG.info("model pointer set: zone={} horizon={} {}={}", zone, horizon, name, version);
    }

    private static Optional<String> readPointer(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model pointer " + file, e);
        }
        if (!VERSION.matcher(text).matches()) {
            LOG.warn("model pointer ignored: file={} holds '{}', not a version name", file, text);
            return Optional.empty();
        }
        return Optional.of(text);
    }

    private Path folder(ZoneId zone, Horizon horizon) {
        return root.resolve(folderName(zone)).resolve(horizon.name().toLowerCase(Locale.ROOT));
    }

    /** The zone's folder name: its id with {@code :} and {@code /} percent-encoded (ids have no {@code %}). */
    static String folderName(ZoneId zone) {
        return zone.value().replace(":", "%3A").replace("/", "%2F");
    }

    private static String requireVersion(String version) {
        if (version == null || !VERSION.matcher(version).matches() || version.endsWith(MODEL_SUFFIX)) {
            throw new IllegalArgumentException("model version '" + version + "' cannot name a file; use letters,"
                    + " digits and . _ - (starting with a letter or digit), e.g. zone-1-day-ahead-20261129T0700Z");
        }
        return version;
    }

    private record Slot(ZoneId zone, Horizon horizon) {
    }

    /** What a slot's pointer files named at the last check, and the models loaded for them. */
    private static final class Pointers {
        String activeName;
        String shadowName;
        Loaded active;
        Loaded shadow;
    }

    private record Loaded(Object identity, ForecastModel model) {
    }
}
