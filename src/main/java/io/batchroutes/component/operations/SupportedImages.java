package io.batchroutes.component.operations;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import com.microsoft.azure.batch.protocol.models.ImageInformation;
import com.microsoft.azure.batch.protocol.models.VerificationType;
import org.joda.time.DateTime;

/**
 * Picks an image for a pool from the account's supported images.
 */
public final class SupportedImages {

    private SupportedImages() {
    }

    /**
     * The verified, still supported image whose node agent SKU starts with the prefix (case-insensitive), preferring
     * the highest SKU version ("batch.node.ubuntu 22.04" over "20.04"), then the highest image SKU, then the latest
     * end of support.
     */
    public static Optional<ImageInformation> latestVerified(List<ImageInformation> images, String nodeAgentSkuPrefix,
                                                            DateTime now) {
        String prefix = nodeAgentSkuPrefix == null ? "" : nodeAgentSkuPrefix.toLowerCase();
        Comparator<ImageInformation> newest = Comparator
                .comparing((ImageInformation image) -> image.nodeAgentSKUId(), SupportedImages::compareNatural)
                .thenComparing(image -> image.imageReference() == null ? "" : nullToEmpty(image.imageReference().sku()),
                        SupportedImages::compareNatural)
                .thenComparing(image -> image.batchSupportEndOfLife() == null
                        ? Long.MAX_VALUE : image.batchSupportEndOfLife().getMillis());
        return images.stream()
                .filter(image -> image.verificationType() == VerificationType.VERIFIED)
                .filter(image -> image.nodeAgentSKUId() != null && image.nodeAgentSKUId().toLowerCase().startsWith(prefix))
                .filter(image -> image.batchSupportEndOfLife() == null || image.batchSupportEndOfLife().isAfter(now))
                .max(newest);
    }

    /** Compares runs of digits as numbers, so "22.04" sorts after "9.10" and "ubuntu-24_04" after "ubuntu-22_04". */
    static int compareNatural(String a, String b) {
        a = nullToEmpty(a).toLowerCase();
        b = nullToEmpty(b).toLowerCase();
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int endA = i;
                while (endA < a.length() && Character.isDigit(a.charAt(endA))) {
                    endA++;
                }
                int endB = j;
                while (endB < b.length() && Character.isDigit(b.charAt(endB))) {
                    endB++;
                }
                String numA = a.substring(i, endA).replaceFirst("^0+(?=.)", "");
                String numB = b.substring(j, endB).replaceFirst("^0+(?=.)", "");
                int byLength = Integer.compare(numA.length(), numB.length());
                if (byLength != 0) {
                    return byLength;
                }
                int byDigits = numA.compareTo(numB);
                if (byDigits != 0) {
                    return byDigits;
                }
                i = endA;
                j = endB;
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
