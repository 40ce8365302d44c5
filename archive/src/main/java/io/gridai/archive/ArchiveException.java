package io.gridai.archive;

import io.gridai.model.GridModelException;

/** The archive cannot be written or read: an unwritable root, a corrupt or foreign file. The message says what to do. */
public final class ArchiveException extends GridModelException {

    private static final long serialVersionUID = 1L;

    public ArchiveException(String message) {
        super(message);
    }

    public ArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
