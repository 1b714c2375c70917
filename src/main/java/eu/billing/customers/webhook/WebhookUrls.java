package eu.billing.customers.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which URLs an endpoint may have, and which addresses a delivery may connect to (docs/webhooks.md,
 * "Targets"). An endpoint's URL is {@code https} with a public host; an address is refused when it
 * is loopback, private (RFC 1918, shared 100.64/10), link-local (cloud metadata included),
 * unique-local (fc00::/7), unspecified, multicast or otherwise reserved. Host names are not resolved
 * when an endpoint is written: they are resolved at every delivery and each address is checked then,
 * so a name that later points inside is refused, not called. Hosts of
 * {@code customers.webhooks.allowed-hosts} are allowed whatever they resolve to, over {@code http}
 * too; the dev and test profiles allow loopback over {@code http} ({@code allow-loopback}).
 */
@ApplicationScoped
public class WebhookUrls {

    private final Set<String> allowedHosts;
    private final boolean allowLoopback;

    public WebhookUrls(WebhookConfig config) {
        this.allowedHosts = config.allowedHosts().orElse(List.of()).stream().map(WebhookUrls::normalize)
                .filter(h -> !h.isEmpty()).collect(Collectors.toUnmodifiableSet());
        this.allowLoopback = config.allowLoopback();
    }

    /** Why {@code url} cannot be an endpoint's URL; null when it can. */
    public String refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be an absolute URL such as https://hooks.example.com/billing";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getRawAuthority() == null) {
            return "must be an absolute URL such as https://hooks.example.com/billing";
        }
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return "must be an https URL";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not carry credentials (user:password@)";
        }
        if (uri.getRawFragment() != null) {
            return "must not have a fragment (#...)";
        }
        String host = normalize(uri.getHost());
        if (allowedHosts.contains(host)) {
            return null;
        }
        InetAddress literal = literal(host);
        boolean loopback = literal != null ? literal.isLoopbackAddress() : host.equals("localhost");
        if (loopback && allowLoopback) {
            return null;
        }
        if (!scheme.equals("https")) {
            return "must be an https URL (plain http only for hosts in customers.webhooks.allowed-hosts)";
        }
        if (literal != null) {
            String kind = internal(literal);
            if (kind != null) {
                return "must have a public host: " + host + " is a " + kind + " address";
            }
        }
        return null;
    }

    /**
     * The addresses a delivery to {@code host} may connect to: all of them, each checked; an
     * {@link UnknownHostException} when the name does not resolve, a {@link Refused} when any of
     * its addresses is internal and the host is not allowed.
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String name = normalize(host);
        InetAddress[] addresses = InetAddress.getAllByName(name);
        if (allowedHosts.contains(name)) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress() && allowLoopback) {
                continue;
            }
            String kind = internal(address);
            if (kind != null) {
                throw new Refused(name + " resolves to " + address.getHostAddress() + ", a " + kind
                        + " address: not called (customers.webhooks.allowed-hosts allows internal targets)");
            }
        }
        return addresses;
    }

    /** A target that resolves inside: the delivery fails without a request. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** What kind of internal address this is; null for a public one. */
    static String internal(InetAddress a) {
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (a.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local";
        }
        if (a.isSiteLocalAddress()) {
            return "private";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0 || first >= 240) {
                return "reserved";
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return "private"; // shared address space, RFC 6598
            }
            if (first == 192 && second == 0 && (b[2] & 0xff) == 0) {
                return "reserved"; // IETF protocol assignments
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return "reserved"; // benchmarking
            }
            return null;
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return "unique-local";
            }
            if ((b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0) {
                return "private"; // deprecated site-local fec0::/10
            }
            boolean mapped = true; // ::ffff:a.b.c.d and ::a.b.c.d carry an IPv4 address
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
                try {
                    InetAddress v4 = InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] });
                    return internal(v4);
                } catch (UnknownHostException e) {
                    return "reserved";
                }
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return "reserved"; // documentation 2001:db8::/32
            }
        }
        return null;
    }

    /** The address a host literally is (dotted or shortened IPv4 such as 127.1, bracketed IPv6); null for a name. */
    static InetAddress literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!h.contains(":") && !h.matches("[0-9]{1,10}(\\.[0-9]{1,10}){0,3}")) {
            return null;
        }
        try {
            return InetAddress.getByName(h); // a literal: no lookup
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String normalize(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return h;
    }
}
