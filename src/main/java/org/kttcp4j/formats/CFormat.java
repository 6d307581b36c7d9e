package org.kttcp4j.formats;

import java.util.Locale;

/** printf conversions whose C output differs from Java's Formatter. */
public final class CFormat {
    private CFormat() {}

    /**
     * C's {@code %g}: 6 significant digits, trailing zeros removed, exponent form when the exponent is below -4
     * or at least 6 (Java's %g keeps the zeros and uses other thresholds).
     */
    public static String g(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        String e = String.format(Locale.ROOT, "%.5e", v); // rounded to 6 significant digits: d.ddddde+XX
        int x = Integer.parseInt(e.substring(e.indexOf('e') + 1));
        if (x < -4 || x >= 6) {
            String mantissa = stripZeros(e.substring(0, e.indexOf('e')));
            String exp = e.substring(e.indexOf('e') + 1);
            char sign = exp.charAt(0) == '-' ? '-' : '+';
            String digits = exp.replaceFirst("^[+-]", "");
            if (digits.length() < 2) {
                digits = "0" + digits;
            }
            return mantissa + "e" + sign + digits;
        }
        return stripZeros(String.format(Locale.ROOT, "%." + (5 - x) + "f", v));
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        s = s.replaceFirst("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
