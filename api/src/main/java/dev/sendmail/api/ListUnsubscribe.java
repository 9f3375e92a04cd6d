package dev.sendmail.api;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * The two header fields of one-click unsubscribe (RFC 8058) for {@link Message.Builder#listUnsubscribe}: the
 * https URI the receiver POSTs to, an optional mailto URI, each checked to fit on one header line.
 */
final class ListUnsubscribe {

    private ListUnsubscribe() {
    }

    /** Whether {@code h} is one of the two fields, which {@link #fields} replaces. */
    static boolean isField(MimeSpec.Header h) {
        return h.lowerName().equals("list-unsubscribe") || h.lowerName().equals("list-unsubscribe-post");
    }

    /**
     * {@code List-Unsubscribe} and {@code List-Unsubscribe-Post}, in that order.
     *
     * @throws IllegalArgumentException when {@code https} is not an absolute https URI with a host, {@code mailto}
     *         is not a mailto URI, or either contains a space, control character or angle bracket
     */
    static List<MimeSpec.Header> fields(URI https, Optional<URI> mailto) {
        if (!"https".equalsIgnoreCase(https.getScheme()) || https.getHost() == null || https.getHost().isEmpty()) {
            throw new IllegalArgumentException("List-Unsubscribe needs an absolute https URI with a host for "
                    + "one-click (RFC 8058): " + Mailbox.printable(https.toString()));
        }
        StringBuilder v = new StringBuilder("<").append(uriText(https)).append('>');
        if (mailto.isPresent()) {
            if (!"mailto".equalsIgnoreCase(mailto.get().getScheme())
                    || mailto.get().getSchemeSpecificPart().isEmpty()) {
                throw new IllegalArgumentException("List-Unsubscribe mailto must be a mailto: URI: "
                        + Mailbox.printable(mailto.get().toString()));
            }
            v.append(", <").append(uriText(mailto.get())).append('>');
        }
        return List.of(HeaderChecks.header("List-Unsubscribe", v.toString()),
                HeaderChecks.header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
    }

    private static String uriText(URI uri) {
        String t = uri.toASCIIString();
        if (t.length() > 900) {
            throw new IllegalArgumentException("List-Unsubscribe URI longer than 900 characters");
        }
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c <= 0x20 || c >= 0x7F || c == '<' || c == '>') {
                throw new IllegalArgumentException("List-Unsubscribe URI contains a space, control character or "
                        + "angle bracket: " + Mailbox.printable(t));
            }
        }
        return t;
    }
}
