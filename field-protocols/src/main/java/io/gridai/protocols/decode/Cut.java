package io.gridai.protocols.decode;

/** What a {@link FrameCutter} found at the front of a byte stream. */
public sealed interface Cut {

    /** A whole frame of {@code length} bytes starts here. */
    record Frame(int length) implements Cut {
    }

    /** Nothing can be said until more bytes arrive. */
    record NeedMore() implements Cut {
    }

    /**
     * The first {@code bytes} bytes (at least one) are not the start of a frame, for {@code reason} (built only when
     * it is reported: a junk region reports its first reason only).
     */
    record Skip(int bytes, java.util.function.Supplier<String> reason) implements Cut {
    }

    /** Shared instance of {@link NeedMore}. */
    Cut NEED_MORE = new NeedMore();
}
