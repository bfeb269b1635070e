package org.hyperstrand.tools;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version the build stamped into hyperstrand-version.properties. */
public final class HvVersion implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = HvVersion.class.getResourceAsStream("/hyperstrand-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return new String[] {"hv (Hyperstrand) " + p.getProperty("version", "unknown")};
    }
}
