package io.gridai.inference.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The parts of an XGBoost JSON model ({@code Booster.toByteArray("json")}, schema of XGBoost 2.x/3.x) that a tree
 * ensemble needs: one regression tree per boosted output, its target, and the base score.
 *
 * <p>How XGBoost predicts, and so what an export must reproduce: output {@code t} of a row is
 * {@code baseScores[t] + sum(leaf value of every tree whose target is t)}, for objectives whose link is the identity
 * (the only ones accepted here). A row goes left at a split when {@code x[feature] < condition}, and along
 * {@code defaultLeft} when {@code x[feature]} is missing (NaN). A leaf's value is its {@code split_conditions} entry,
 * learning rate already applied.
 *
 * @param objective      e.g. {@code reg:quantileerror}
 * @param quantileAlphas the quantiles of a {@code reg:quantileerror} model, in output order; empty for other objectives
 * @param numFeatures    columns the model was trained on
 * @param baseScores     one base score per output ({@code learner_model_param.base_score}, scalar broadcast)
 * @param trees          in boosting order
 * @param xgboostVersion e.g. {@code 3.4.0}
 */
public record XgboostJsonModel(
        String objective,
        List<Double> quantileAlphas,
        int numFeatures,
        float[] baseScores,
        List<Tree> trees,
        String xgboostVersion) {

    /** Objectives whose prediction is the raw margin (identity link): the tree sum is the output. */
    public static final Set<String> IDENTITY_LINK_OBJECTIVES = Set.of(
            "reg:quantileerror", "reg:squarederror", "reg:absoluteerror", "reg:pseudohubererror");

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One regression tree, arrays indexed by node id (0 is the root).
     *
     * @param target          the output this tree adds to ({@code tree_info})
     * @param leftChildren    left child per node, {@code -1} for a leaf
     * @param rightChildren   right child per node, {@code -1} for a leaf
     * @param splitFeatures   feature column per split node
     * @param splitConditions split threshold per split node; leaf value per leaf
     * @param defaultLeft     where a missing value goes, per split node
     */
    public record Tree(int target, int[] leftChildren, int[] rightChildren, int[] splitFeatures,
                       float[] splitConditions, boolean[] defaultLeft) {

        public boolean isLeaf(int node) {
            return leftChildren[node] < 0;
        }

        public int size() {
            return leftChildren.length;
        }
    }

    /** Whether the XGBoost that wrote the model is {@code major.minor} or later; false when its version is unknown. */
    public boolean xgboostVersionAtLeast(int major, int minor) {
        String[] parts = xgboostVersion.split("\\.");
        try {
            int actualMajor = Integer.parseInt(parts[0]);
            int actualMinor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return actualMajor > major || (actualMajor == major && actualMinor >= minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The number of outputs (targets, quantiles). */
    public int numTargets() {
        return baseScores.length;
    }

    /**
     * Reads a JSON model; refuses what a plain tree sum cannot reproduce (DART, linear boosters, categorical splits,
     * vector leaves, objectives with a non-identity link) with a message naming what was found.
     */
    public static XgboostJsonModel parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("XGBoost model JSON does not parse", e);
        }
        JsonNode learner = require(root, "learner");
        String objective = require(require(learner, "objective"), "name").asText();
        if (!IDENTITY_LINK_OBJECTIVES.contains(objective)) {
            throw new IllegalArgumentException("XGBoost objective " + objective
                    + " has a non-identity link or is not supported; expected one of " + IDENTITY_LINK_OBJECTIVES);
        }
        List<Double> alphas = List.of();
        if (objective.equals("reg:quantileerror")) {
            alphas = parseNumberList(require(require(require(learner, "objective"), "quantile_loss_param"),
                    "quantile_alpha").asText());
        }
        JsonNode params = require(learner, "learner_model_param");
        int numFeatures = Integer.parseInt(require(params, "num_feature").asText());
        int numTargets = Math.max(1, Integer.parseInt(params.path("num_target").asText("1")));
        if (Integer.parseInt(params.path("num_class").asText("0")) > 1) {
            throw new IllegalArgumentException("XGBoost model is a classifier (num_class "
                    + params.get("num_class").asText() + "); only regression models are exported");
        }
        float[] baseScores = baseScores(require(params, "base_score").asText(), numTargets);

        JsonNode booster = require(learner, "gradient_booster");
        String boosterName = require(booster, "name").asText();
        if (!boosterName.equals("gbtree")) {
            throw new IllegalArgumentException("XGBoost booster " + boosterName + " is not supported; expected gbtree");
        }
        JsonNode model = require(booster, "model");
        JsonNode treeInfo = require(model, "tree_info");
        JsonNode treesJson = require(model, "trees");
        if (treeInfo.size() != treesJson.size()) {
            throw new IllegalArgumentException("XGBoost model has " + treesJson.size() + " trees but "
                    + treeInfo.size() + " tree_info entries");
        }
        List<Tree> trees = new ArrayList<>(treesJson.size());
        for (int i = 0; i < treesJson.size(); i++) {
            trees.add(tree(i, treesJson.get(i), treeInfo.get(i).asInt(), numTargets, numFeatures));
        }
        return new XgboostJsonModel(objective, alphas, numFeatures, baseScores, List.copyOf(trees), version(root));
    }

    private static Tree tree(int index, JsonNode tree, int target, int numTargets, int numFeatures) {
        if (target < 0 || target >= numTargets) {
            throw new IllegalArgumentException("XGBoost tree " + index + " adds to target " + target + " but the model has "
                    + numTargets + " targets");
        }
        JsonNode treeParam = tree.path("tree_param");
        if (Integer.parseInt(treeParam.path("size_leaf_vector").asText("1")) > 1) {
            throw new IllegalArgumentException("XGBoost tree " + index
                    + " has vector leaves (multi_strategy=multi_output_tree); train one tree per target instead");
        }
        int[] left = ints(require(tree, "left_children"));
        int[] right = ints(require(tree, "right_children"));
        int[] features = ints(require(tree, "split_indices"));
        float[] conditions = floats(require(tree, "split_conditions"));
        boolean[] defaultLeft = booleans(require(tree, "default_left"));
        int[] splitType = tree.has("split_type") ? ints(tree.get("split_type")) : new int[left.length];
        int n = left.length;
        if (right.length != n || features.length != n || conditions.length != n || defaultLeft.length != n
                || splitType.length != n) {
            throw new IllegalArgumentException("XGBoost tree " + index + " has node arrays of different lengths");
        }
        for (int node = 0; node < n; node++) {
            if (left[node] >= 0) {
                if (splitType[node] != 0) {
                    throw new IllegalArgumentException("XGBoost tree " + index + " node " + node
                            + " is a categorical split; only numerical splits are exported");
                }
                if (features[node] < 0 || features[node] >= numFeatures || left[node] >= n || right[node] < 0
                        || right[node] >= n) {
                    throw new IllegalArgumentException("XGBoost tree " + index + " node " + node
                            + " refers to a feature or child that does not exist");
                }
            }
        }
        return new Tree(target, left, right, features, conditions, defaultLeft);
    }

    /** {@code "[6.1E0,1.04E1]"} (one per target) or {@code "5E-1"} (broadcast). */
    public static float[] baseScores(String text, int numTargets) {
        List<Double> values = parseNumberList(text);
        float[] scores = new float[numTargets];
        if (values.size() == 1) {
            Arrays.fill(scores, values.get(0).floatValue());
        } else if (values.size() == numTargets) {
            for (int t = 0; t < numTargets; t++) {
                scores[t] = values.get(t).floatValue();
            }
        } else {
            throw new IllegalArgumentException("XGBoost base_score " + text + " has " + values.size()
                    + " values for " + numTargets + " targets");
        }
        return scores;
    }

    private static List<Double> parseNumberList(String text) {
        String body = text.strip();
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1);
        }
        return Arrays.stream(body.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(Double::valueOf).toList();
    }

    private static String version(JsonNode root) {
        JsonNode version = root.path("version");
        if (!version.isArray()) {
            return "unknown";
        }
        List<String> parts = new ArrayList<>();
        version.forEach(v -> parts.add(v.asText()));
        return String.join(".", parts);
    }

    private static JsonNode require(JsonNode node, String field) {
        JsonNode child = node.get(field);
        if (child == null || child.isNull()) {
            throw new IllegalArgumentException("XGBoost model JSON has no '" + field
                    + "'; expected the JSON of Booster.toByteArray(\"json\") from XGBoost 2 or later");
        }
        return child;
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    /** XGBoost writes each float with the fewest digits that read back to the same float. */
    private static float[] floats(JsonNode array) {
        float[] values = new float[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).floatValue();
        }
        return values;
    }

    private static boolean[] booleans(JsonNode array) {
        boolean[] values = new boolean[array.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode v = array.get(i);
            values[i] = v.isBoolean() ? v.booleanValue() : v.asInt() != 0;
        }
        return values;
    }
}
