package org.kttcp4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** "kttcp4j 0.1.0 (JNA 5.13.0)", from the resource Maven filters at build time. */
public final class Version implements IVersionProvider {
    static Properties properties() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/kttcp4j.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // no version resource: report "unknown" below
        }
        return p;
    }

    public static String line() {
        Properties p = properties();
        return "kttcp4j " + p.getProperty("version", "unknown") + " (JNA " + p.getProperty("jna", "unknown") + ")";
    }

    @Override
    public String[] getVersion() {
        return new String[] {line(), "Java " + System.getProperty("java.version") + " on "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
    }
}
