package org.seqvault.api.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The key failed authentications are counted under: the client's IP address, or for IPv6 its
 * /64 network, since one host commonly holds a whole /64 and could otherwise pick a fresh address
 * (and a fresh count) for every attempt.
 */
final class ClientAddress {
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");

    private ClientAddress() {
    }

    /** @param ip the peer's address as a literal, e.g. {@code 127.0.0.1} or {@code 2001:db8::1} */
    static String key(String ip) {
        boolean ipv4 = ip != null && IPV4.matcher(ip).matches();
        if (!ipv4 && (ip == null || ip.indexOf(':') < 0)) {
            return "other:" + ip; // never a name: looking it up would be a DNS query per request
        }
        InetAddress address;
        try {
            // Only well-formed IPv4 or bracketed IPv6 text reaches here: parsed, never looked up.
            address = InetAddress.getByName(ipv4 || ip.startsWith("[") ? ip : "[" + ip + "]");
        } catch (UnknownHostException e) {
            return "other:" + ip;
        }
        if (address instanceof Inet6Address) {
            return "ip6:" + HexFormat.of().formatHex(address.getAddress(), 0, 8) + "::/64";
        }
        // IPv4, also when the peer's IPv4 address arrived IPv4-mapped (::ffff:a.b.c.d): that parses as Inet4Address.
        return "ip4:" + ((Inet4Address) address).getHostAddress();
    }
}
