package io.gridai.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar manifest (set by the build), or "development" when run from classes. */
public final class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = GridAi.class.getPackage().getImplementationVersion();
        return new String[] {"gridai " + (version == null ? "development" : version),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
