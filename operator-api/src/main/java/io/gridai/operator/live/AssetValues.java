package io.gridai.operator.live;

import io.gridai.model.Measurement;
import java.util.List;

/** An asset and its latest values, kinds in declaration order. */
public record AssetValues(String asset, List<ValueView> values) {

    public static AssetValues of(String asset, List<Measurement> values) {
        return new AssetValues(asset, values.stream().map(ValueView::of).toList());
    }
}
