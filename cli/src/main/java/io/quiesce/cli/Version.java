package io.quiesce.cli;

import picocli.CommandLine.IVersionProvider;

/** The version from the jar's manifest; a build from classes has none. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Version.class.getPackage().getImplementationVersion();
        return new String[] {"quiesce " + (v != null ? v : "(development build)")};
    }
}
