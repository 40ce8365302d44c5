package io.gridai.archive.importer;

/** Hears an import's progress and every refusal, as they happen. */
public interface ImportListener {

    /** Called every {@link TelemetryImport.Settings#progressEveryRecords()} records and at the end of each file. */
    void progress(ImportProgress progress);

    /** Called for every refusal, in input order. */
    void refused(Refusal refusal);

    /** A listener that ignores everything (the summary still counts it all). */
    static ImportListener none() {
        return new ImportListener() {
            @Override
            public void progress(ImportProgress progress) {
            }

            @Override
            public void refused(Refusal refusal) {
            }
        };
    }
}
