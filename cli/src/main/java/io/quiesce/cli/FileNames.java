package io.quiesce.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Paths as options take them ({@code --data}, {@code --catalog}, {@code --export}, ...). One the
 * system cannot use (a NUL byte) is a usage error that says why; picocli's own conversion would
 * print the name of the JDK's exception.
 */
final class FileNames implements ITypeConverter<Path> {
    @Override
    public Path convert(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new TypeConversionException("'" + value + "' is not a usable file name: " + e.getReason());
        }
    }
}
