package org.kttcp4j.cli;

import org.kttcp4j.engine.Units;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A byte count with the C kttcp tool's k/m/g suffixes (powers of 1024). */
public final class ByteCount implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            return Units.parseBytes(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage() + " (use digits with an optional k, m or g, e.g. 64k)");
        }
    }
}
