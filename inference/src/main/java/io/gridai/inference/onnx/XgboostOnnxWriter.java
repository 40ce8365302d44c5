package io.gridai.inference.onnx;

import ai.onnx.proto.OnnxMl;
import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import com.google.protobuf.ByteString;
import io.gridai.inference.model.ModelMetadata;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Writes an XGBoost tree ensemble as an ONNX model with a single {@code ai.onnx.ml.TreeEnsembleRegressor} node.
 *
 * <pre>
 *   features  float [N, F]  (NaN = missing)
 *       │
 *   TreeEnsembleRegressor   one tree per boosted output, BRANCH_LT, missing values along XGBoost's default side,
 *       │                   base_values = XGBoost's base_score, aggregate SUM, no post-transform
 *       │   (trees trained on load − baseline: + mean of the known baseline columns, fallback where none is;
 *       │    Gather, IsNaN, Where, ReduceSum, Div, Add)
 *   raw_quantiles float [N, Q]
 *       │
 *   TopK (k = Q, ascending) sorts each row, as XGBoost does (see below)
 *       │
 *   quantiles float [N, Q]
 * </pre>
 *
 * <p>XGBoost 3.4 sorts each row of a {@code reg:quantileerror} prediction so quantiles never cross (the smooth-MM
 * quantile objective, dmlc/xgboost#12386); the graph does the same for quantile models written by XGBoost ≥ 3.4 with
 * more than one quantile, and ends at the tree sums otherwise.
 *
 * <p>Every entry of {@link ModelMetadata#toProperties()} goes into the model's {@code metadata_props}. The metadata must
 * describe the XGBoost model: same feature count, same quantiles (for {@code reg:quantileerror}), else the writer
 * refuses rather than produce a model that a server would feed wrongly.
 */
public final class XgboostOnnxWriter {

    /** The graph's input: float [N, features]. */
    public static final String INPUT_NAME = "features";
    /** The graph's output: float [N, quantiles]. */
    public static final String OUTPUT_NAME = "quantiles";
    public static final String PRODUCER_NAME = "gridai-inference";
    /** The quantiles before sorting (tree sums plus any baseline). */
    static final String RAW_OUTPUT_NAME = "raw_quantiles";
    /** The tree sums alone. */
    static final String TREE_OUTPUT_NAME = "tree_sums";
    /** ONNX IR version 8 (ONNX 1.10); ONNX Runtime ≥ 1.10 reads it. */
    static final long IR_VERSION = 8;
    static final int DEFAULT_OPSET = 13;
    static final String ML_DOMAIN = "ai.onnx.ml";
    /** {@code ai.onnx.ml} opset 3: TreeEnsembleRegressor with float attributes. */
    static final int ML_OPSET = 3;

    private XgboostOnnxWriter() {
    }

    /** The ONNX model, serialised. */
    public static byte[] write(String xgboostJson, ModelMetadata metadata) {
        return toModelProto(XgboostJsonModel.parse(xgboostJson), metadata).toByteArray();
    }

    /**
     * The ONNX model of trees trained on the load less a baseline, serialised: the graph adds back, to every output,
     * the mean of the known (non-NaN) input columns {@code baselineColumns}, or {@code baselineFallback} where all are
     * missing. No columns: no baseline.
     */
    public static byte[] write(String xgboostJson, ModelMetadata metadata, int[] baselineColumns,
            float baselineFallback) {
        return toModelProto(XgboostJsonModel.parse(xgboostJson), metadata, baselineColumns, baselineFallback)
                .toByteArray();
    }

    /** The ONNX model for {@code model}, described by {@code metadata}. */
    public static OnnxMl.ModelProto toModelProto(XgboostJsonModel model, ModelMetadata metadata) {
        return toModelProto(model, metadata, new int[0], 0f);
    }

    /** The ONNX model for {@code model} plus a baseline ({@link #write(String, ModelMetadata, int[], float)}). */
    public static OnnxMl.ModelProto toModelProto(XgboostJsonModel model, ModelMetadata metadata,
            int[] baselineColumns, float baselineFallback) {
        checkConsistent(model, metadata);
        int features = metadata.features().size();
        int targets = model.numTargets();
        for (int c : baselineColumns) {
            if (c < 0 || c >= features) {
                throw new IllegalArgumentException("model " + metadata.version() + ": baseline column " + c
                        + " is not one of the " + features + " features");
            }
        }

        boolean sorted = sortsQuantiles(model);
        boolean offset = baselineColumns.length > 0;
        String unsorted = sorted ? RAW_OUTPUT_NAME : OUTPUT_NAME;
        OnnxMl.GraphProto.Builder graphBuilder = OnnxMl.GraphProto.newBuilder()
                .setName("gridai_load_forecast")
                .addNode(treeEnsemble(model, offset ? TREE_OUTPUT_NAME : unsorted));
        if (offset) {
            addBaseline(graphBuilder, baselineColumns, baselineFallback, unsorted);
        }
        if (sorted) {
            graphBuilder.addInitializer(OnnxMl.TensorProto.newBuilder()
                            .setName("quantile_count")
                            .setDataType(OnnxMl.TensorProto.DataType.INT64_VALUE)
                            .addDims(1)
                            .addInt64Data(targets))
                    .addNode(OnnxMl.NodeProto.newBuilder()
                            .setName("sort_quantiles")
                            .setOpType("TopK")
                            .addInput(RAW_OUTPUT_NAME)
                            .addInput("quantile_count")
                            .addOutput(OUTPUT_NAME)
                            .addOutput("quantile_order")
                            .addAttribute(integer("axis", 1))
                            .addAttribute(integer("largest", 0))
                            .addAttribute(integer("sorted", 1)));
        }
        OnnxMl.GraphProto graph = graphBuilder
                .addInput(floatMatrix(INPUT_NAME, features, "feature rows, columns as in gridai.features; NaN = missing"))
                .addOutput(floatMatrix(OUTPUT_NAME, targets, "one column per quantile in gridai.quantiles"))
                .build();

        OnnxMl.ModelProto.Builder builder = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(DEFAULT_OPSET))
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain(ML_DOMAIN).setVersion(ML_OPSET))
                .setProducerName(PRODUCER_NAME)
                .setDomain("io.gridai")
                .setDocString(docString(model, metadata, sorted))
                .setGraph(graph);
        metadata.toProperties().forEach((key, value) ->
                builder.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return builder.build();
    }

    /**
     * baseline = mean of the known columns (sum of the non-NaN values over their count; 0/0 is NaN), the fallback where
     * that is NaN, as a [N, 1] column added to every tree sum.
     */
    private static void addBaseline(OnnxMl.GraphProto.Builder graph, int[] columns, float fallback, String output) {
        OnnxMl.TensorProto.Builder indices = OnnxMl.TensorProto.newBuilder().setName("baseline_columns")
                .setDataType(OnnxMl.TensorProto.DataType.INT64_VALUE).addDims(columns.length);
        for (int c : columns) {
            indices.addInt64Data(c);
        }
        graph.addInitializer(indices)
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("baseline_axis")
                        .setDataType(OnnxMl.TensorProto.DataType.INT64_VALUE).addDims(1).addInt64Data(1))
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("baseline_zero")
                        .setDataType(OnnxMl.TensorProto.DataType.FLOAT_VALUE).addFloatData(0f))
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("baseline_fallback")
                        .setDataType(OnnxMl.TensorProto.DataType.FLOAT_VALUE).addFloatData(fallback))
                .addNode(node("baseline_gather", "Gather", List.of(INPUT_NAME, "baseline_columns"), "baseline_inputs")
                        .addAttribute(integer("axis", 1)))
                .addNode(node("baseline_isnan", "IsNaN", List.of("baseline_inputs"), "baseline_missing"))
                .addNode(node("baseline_known", "Where", List.of("baseline_missing", "baseline_zero", "baseline_inputs"),
                        "baseline_known_values"))
                .addNode(node("baseline_present", "Not", List.of("baseline_missing"), "baseline_present"))
                .addNode(node("baseline_present_float", "Cast", List.of("baseline_present"), "baseline_present_count")
                        .addAttribute(integer("to", OnnxMl.TensorProto.DataType.FLOAT_VALUE)))
                .addNode(node("baseline_sum", "ReduceSum", List.of("baseline_known_values", "baseline_axis"),
                        "baseline_sum").addAttribute(integer("keepdims", 1)))
                .addNode(node("baseline_count", "ReduceSum", List.of("baseline_present_count", "baseline_axis"),
                        "baseline_count").addAttribute(integer("keepdims", 1)))
                .addNode(node("baseline_mean", "Div", List.of("baseline_sum", "baseline_count"), "baseline_mean"))
                .addNode(node("baseline_mean_isnan", "IsNaN", List.of("baseline_mean"), "baseline_none"))
                .addNode(node("baseline_or_fallback", "Where",
                        List.of("baseline_none", "baseline_fallback", "baseline_mean"), "baseline"))
                .addNode(node("add_baseline", "Add", List.of(TREE_OUTPUT_NAME, "baseline"), output));
    }

    private static OnnxMl.NodeProto.Builder node(String name, String op, List<String> inputs, String output) {
        return OnnxMl.NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(inputs).addOutput(output);
    }

    /** Whether XGBoost's own prediction sorts each row: quantile models of XGBoost ≥ 3.4 with several quantiles. */
    static boolean sortsQuantiles(XgboostJsonModel model) {
        return model.objective().equals("reg:quantileerror") && model.numTargets() > 1
                && model.xgboostVersionAtLeast(3, 4);
    }

    private static void checkConsistent(XgboostJsonModel model, ModelMetadata metadata) {
        int features = metadata.features().size();
        if (model.numFeatures() != features) {
            throw new IllegalArgumentException("model " + metadata.version() + ": XGBoost model takes "
                    + model.numFeatures() + " features but the metadata lists " + features + ": " + metadata.features());
        }
        if (model.numTargets() != metadata.quantiles().size()) {
            throw new IllegalArgumentException("model " + metadata.version() + ": XGBoost model has "
                    + model.numTargets() + " outputs but the metadata lists " + metadata.quantiles().size()
                    + " quantiles: " + metadata.quantiles());
        }
        List<Double> alphas = model.quantileAlphas();
        for (int q = 0; q < alphas.size(); q++) {
            if (Math.abs(alphas.get(q) - metadata.quantiles().get(q)) > 1e-9) {
                throw new IllegalArgumentException("model " + metadata.version() + ": XGBoost model was trained for quantiles "
                        + alphas + " but the metadata says " + metadata.quantiles());
            }
        }
    }

    /**
     * Nodes are written tree by tree, in XGBoost's node ids, reachable nodes only (pruned nodes stay behind). The
     * true branch of BRANCH_LT is XGBoost's left child, so {@code nodes_missing_value_tracks_true} is
     * {@code default_left}.
     */
    private static OnnxMl.NodeProto treeEnsemble(XgboostJsonModel model, String output) {
        List<Long> treeIds = new ArrayList<>();
        List<Long> nodeIds = new ArrayList<>();
        List<Long> featureIds = new ArrayList<>();
        List<ByteString> modes = new ArrayList<>();
        List<Float> values = new ArrayList<>();
        List<Long> trueIds = new ArrayList<>();
        List<Long> falseIds = new ArrayList<>();
        List<Long> missingTracksTrue = new ArrayList<>();
        List<Long> targetTreeIds = new ArrayList<>();
        List<Long> targetNodeIds = new ArrayList<>();
        List<Long> targetIds = new ArrayList<>();
        List<Float> targetWeights = new ArrayList<>();
        ByteString branchLt = ByteString.copyFromUtf8("BRANCH_LT");
        ByteString leaf = ByteString.copyFromUtf8("LEAF");

        for (int t = 0; t < model.trees().size(); t++) {
            XgboostJsonModel.Tree tree = model.trees().get(t);
            Deque<Integer> pending = new ArrayDeque<>();
            pending.push(0);
            while (!pending.isEmpty()) {
                int n = pending.pop();
                treeIds.add((long) t);
                nodeIds.add((long) n);
                if (tree.isLeaf(n)) {
                    featureIds.add(0L);
                    modes.add(leaf);
                    values.add(0f);
                    trueIds.add(0L);
                    falseIds.add(0L);
                    missingTracksTrue.add(0L);
                    targetTreeIds.add((long) t);
                    targetNodeIds.add((long) n);
                    targetIds.add((long) tree.target());
                    targetWeights.add(tree.splitConditions()[n]);
                } else {
                    featureIds.add((long) tree.splitFeatures()[n]);
                    modes.add(branchLt);
                    values.add(tree.splitConditions()[n]);
                    trueIds.add((long) tree.leftChildren()[n]);
                    falseIds.add((long) tree.rightChildren()[n]);
                    missingTracksTrue.add(tree.defaultLeft()[n] ? 1L : 0L);
                    pending.push(tree.rightChildren()[n]);
                    pending.push(tree.leftChildren()[n]);
                }
            }
        }
        List<Float> baseValues = new ArrayList<>();
        for (float b : model.baseScores()) {
            baseValues.add(b);
        }
        return OnnxMl.NodeProto.newBuilder()
                .setName("xgboost_trees")
                .setOpType("TreeEnsembleRegressor")
                .setDomain(ML_DOMAIN)
                .addInput(INPUT_NAME)
                .addOutput(output)
                .addAttribute(string("aggregate_function", "SUM"))
                .addAttribute(string("post_transform", "NONE"))
                .addAttribute(integer("n_targets", model.numTargets()))
                .addAttribute(floats("base_values", baseValues))
                .addAttribute(ints("nodes_treeids", treeIds))
                .addAttribute(ints("nodes_nodeids", nodeIds))
                .addAttribute(ints("nodes_featureids", featureIds))
                .addAttribute(strings("nodes_modes", modes))
                .addAttribute(floats("nodes_values", values))
                .addAttribute(ints("nodes_truenodeids", trueIds))
                .addAttribute(ints("nodes_falsenodeids", falseIds))
                .addAttribute(ints("nodes_missing_value_tracks_true", missingTracksTrue))
                .addAttribute(ints("target_treeids", targetTreeIds))
                .addAttribute(ints("target_nodeids", targetNodeIds))
                .addAttribute(ints("target_ids", targetIds))
                .addAttribute(floats("target_weights", targetWeights))
                .build();
    }

    private static String docString(XgboostJsonModel model, ModelMetadata metadata, boolean sorted) {
        return String.format(Locale.ROOT, "GridAI load forecast %s (%s): XGBoost %s %s, %d trees; input '%s' float[N, %d] "
                        + "in the column order of metadata gridai.features, NaN where a feature is unknown; output '%s' "
                        + "float[N, %d], quantiles %s%s.",
                metadata.version(), metadata.horizon(), model.xgboostVersion(), model.objective(), model.trees().size(),
                INPUT_NAME, metadata.features().size(), OUTPUT_NAME, metadata.quantiles().size(), metadata.quantiles(),
                sorted ? ", each row sorted ascending as XGBoost sorts it" : "");
    }

    private static OnnxMl.ValueInfoProto floatMatrix(String name, long columns, String doc) {
        OnnxMl.TensorShapeProto shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(columns))
                .build();
        OnnxMl.TypeProto type = OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT_VALUE)
                        .setShape(shape))
                .build();
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(type).setDocString(doc).build();
    }

    private static AttributeProto string(String name, String value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
                .setS(ByteString.copyFrom(value, StandardCharsets.UTF_8)).build();
    }

    private static AttributeProto integer(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(value).build();
    }

    private static AttributeProto ints(String name, List<Long> values) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS).addAllInts(values).build();
    }

    private static AttributeProto floats(String name, List<Float> values) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOATS).addAllFloats(values).build();
    }

    private static AttributeProto strings(String name, List<ByteString> values) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.STRINGS).addAllStrings(values).build();
    }
}
