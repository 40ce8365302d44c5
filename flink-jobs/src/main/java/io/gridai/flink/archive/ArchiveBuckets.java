package io.gridai.flink.archive;

import io.gridai.model.archive.ArchiveDataset;
import io.gridai.model.archive.ArchiveLayout;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.streaming.api.functions.sink.filesystem.BucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.SimpleVersionedStringSerializer;

/**
 * Puts each record of a dataset into its {@link ArchiveLayout} partition, {@code date=YYYY-MM-DD/feed=FEED}: the UTC
 * date of the record's time and its feed, both as {@link ArchiveDataset} defines them.
 *
 * @param <T> the record type
 */
public final class ArchiveBuckets<T> implements BucketAssigner<T, String> {

    private static final long serialVersionUID = 1L;

    private final String datasetName;
    private transient ArchiveDataset<T> dataset;

    public ArchiveBuckets(ArchiveDataset<T> dataset) {
        this.datasetName = dataset.name();
        this.dataset = dataset;
    }

    @Override
    public String getBucketId(T record, Context context) {
        ArchiveDataset<T> d = dataset();
        return "date=" + ArchiveLayout.dateOf(d.timeOf(record)) + "/feed=" + d.feedOf(record);
    }

    @Override
    public SimpleVersionedSerializer<String> getSerializer() {
        return SimpleVersionedStringSerializer.INSTANCE;
    }

    @SuppressWarnings("unchecked") // the name is the dataset's own, so is its type
    private ArchiveDataset<T> dataset() {
        if (dataset == null) {
            dataset = (ArchiveDataset<T>) ArchiveDataset.named(datasetName);
        }
        return dataset;
    }

    @Override
    public String toString() {
        return "ArchiveBuckets{" + datasetName + ": date=YYYY-MM-DD/feed=FEED}";
    }
}
