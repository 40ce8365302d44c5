package io.gridai.inference.train;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The tests' temporary directory: {@code java.io.tmpdir}, which the build points at {@code target/tmp} but does not
 * create. XGBoost and ONNX Runtime unpack their native libraries there, so tests call {@link #tmp()} before either.
 * JUnit's default {@code @TempDir} may resolve the temp directory before the build sets it (it landed in /tmp here):
 * use {@code @TempDir(factory = TestDirs.UnderTmp.class)}.
 */
public final class TestDirs {

    private TestDirs() {
    }

    public static Path tmp() {
        try {
            return Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create java.io.tmpdir", e);
        }
    }

    /** {@code @TempDir} folders under {@link #tmp()}. */
    public static final class UnderTmp implements TempDirFactory {

        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws IOException {
            return Files.createTempDirectory(tmp(), "junit-");
        }
    }
}
