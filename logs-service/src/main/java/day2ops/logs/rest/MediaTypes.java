package day2ops.logs.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code Accept} negotiation with real media-type parsing: comma-separated ranges, parameters,
 * q-values, {@code type/*} and {@code *}{@code /*}. The most specific matching range decides an
 * offer's quality; the offer with the highest quality wins, ties go to the order of the offers.
 */
public final class MediaTypes {

    private MediaTypes() {
    }

    private record Range(String type, String subtype, double q) {
        int specificity() {
            return type.equals("*") ? 0 : subtype.equals("*") ? 1 : 2;
        }

        boolean matches(String offerType, String offerSubtype) {
            return (type.equals("*") || type.equals(offerType)) && (subtype.equals("*") || subtype.equals(offerSubtype));
        }
    }

    /**
     * The best of {@code offers} for {@code accept}; {@code fallback} when the header is missing or
     * empty; {@code null} when it accepts none of them.
     */
    public static String negotiate(String accept, List<String> offers, String fallback) {
        if (accept == null || accept.isBlank()) {
            return fallback;
        }
        List<Range> ranges = parse(accept);
        if (ranges.isEmpty()) {
            return fallback;
        }
        String best = null;
        double bestQ = 0;
        for (String offer : offers) {
            int slash = offer.indexOf('/');
            String type = offer.substring(0, slash);
            String subtype = offer.substring(slash + 1);
            Range match = null;
            for (Range range : ranges) {
                if (range.matches(type, subtype) && (match == null || range.specificity() > match.specificity())) {
                    match = range;
                }
            }
            if (match != null && match.q() > bestQ) {
                best = offer;
                bestQ = match.q();
            }
        }
        return best;
    }

    static List<Range> parse(String accept) {
        List<Range> ranges = new ArrayList<>();
        for (String element : accept.split(",")) {
            String[] parts = element.split(";");
            String mediaRange = parts[0].trim().toLowerCase(Locale.ROOT);
            int slash = mediaRange.indexOf('/');
            if (slash <= 0 || slash == mediaRange.length() - 1) {
                continue;
            }
            double q = 1;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim();
                if (parameter.toLowerCase(Locale.ROOT).startsWith("q=")) {
                    try {
                        q = Double.parseDouble(parameter.substring(2).trim());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            ranges.add(new Range(mediaRange.substring(0, slash), mediaRange.substring(slash + 1), Math.max(0, Math.min(1, q))));
        }
        return ranges;
    }
}
