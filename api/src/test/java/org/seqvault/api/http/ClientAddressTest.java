package org.seqvault.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void ipv4AddressesCountOneByOne() {
        assertThat(ClientAddress.key("203.0.113.7")).isEqualTo("ip4:203.0.113.7");
        assertThat(ClientAddress.key("203.0.113.8")).isNotEqualTo(ClientAddress.key("203.0.113.7"));
    }

    @Test
    void anIpv4AddressSeenAsIpv6IsTheSameClient() {
        assertThat(ClientAddress.key("::ffff:203.0.113.7")).isEqualTo("ip4:203.0.113.7");
    }

    @Test
    void ipv6AddressesCountByTheirSlash64() {
        String key = ClientAddress.key("2001:db8:1:2::1");
        assertThat(key).isEqualTo("ip6:20010db800010002::/64");
        assertThat(ClientAddress.key("2001:db8:1:2:ffff:ffff:ffff:ffff")).isEqualTo(key);
        assertThat(ClientAddress.key("[2001:db8:1:2::9]")).isEqualTo(key);
        assertThat(ClientAddress.key("2001:db8:1:3::1")).isNotEqualTo(key);
    }

    @Test
    void whatIsNoAddressLiteralIsCountedAsItIs() {
        assertThat(ClientAddress.key("unix-socket")).isEqualTo("other:unix-socket");
        assertThat(ClientAddress.key(null)).isEqualTo("other:null");
    }
}
