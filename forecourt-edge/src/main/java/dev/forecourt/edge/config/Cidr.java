package dev.forecourt.edge.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * A block of IP addresses in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}; a bare address is the block of
 * that one address). Used to name the peers a hop trusts.
 */
public record Cidr(InetAddress network, int prefixLength) {

    /** This machine's own loopback addresses: a peer there is a process on the same host. */
    public static final List<Cidr> LOOPBACK = List.of(parse("127.0.0.0/8"), parse("::1/128"));

    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix /" + prefixLength + " is out of range 0-" + bits);
        }
    }

    /**
     * Parses {@code ADDRESS[/PREFIX]}. The address must be a literal (never looked up in DNS: a name's addresses can
     * change under a trust decision), and no address bits may be set below the prefix ({@code 10.0.0.1/8} is
     * refused rather than silently read as {@code 10.0.0.0/8}, since the writer may have meant either).
     *
     * @throws IllegalArgumentException saying what is wrong and what is allowed
     */
    public static Cidr parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        InetAddress a;
        try {
            a = InetAddress.ofLiteral(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or block; write one like "
                    + "10.0.0.0/8, 192.0.2.7 or ::1/128");
        }
        int bits = a.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + text + "': the prefix length must be 0 to " + bits);
            }
        }
        Cidr c = new Cidr(a, prefix);
        if (!a.equals(c.first())) {
            throw new IllegalArgumentException("'" + text + "' has address bits set below /" + prefix
                    + "; the block is " + c.first().getHostAddress() + "/" + prefix);
        }
        return c;
    }

    /** Whether {@code a} is in this block (an IPv4 address is never in an IPv6 block, nor the reverse). */
    public boolean contains(InetAddress a) {
        if (a == null || (a instanceof Inet4Address) != (network instanceof Inet4Address)) {
            return false;
        }
        byte[] x = a.getAddress();
        byte[] n = network.getAddress();
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (x[i] != n[i]) return false;
        }
        int rest = prefixLength % 8;
        if (rest == 0) return true;
        int mask = 0xff << (8 - rest);
        return (x[full] & mask) == (n[full] & mask);
    }

    /** The block's first address (the network address with the bits below the prefix cleared). */
    private InetAddress first() {
        byte[] n = network.getAddress();
        for (int i = 0; i < n.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            n[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(n);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // a 4- or 16-byte array is always an address
        }
    }

    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }
}
