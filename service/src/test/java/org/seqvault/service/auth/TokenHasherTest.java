package org.seqvault.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seqvault.service.support.RandomIds;

class TokenHasherTest {

    @Test
    void hashesAreStableHexAndNeverTheSecret() {
        String secret = new RandomIds().secret();
        String hash = TokenHasher.hash(secret);
        assertThat(hash).hasSize(64).matches("[0-9a-f]+").isEqualTo(TokenHasher.hash(secret)).doesNotContain(secret);
        assertThat(TokenHasher.same(hash, TokenHasher.hash(secret))).isTrue();
        assertThat(TokenHasher.same(hash, TokenHasher.hash(secret + "x"))).isFalse();
    }

    @Test
    void secretsCarryAtLeast128BitsAndIdsHaveTheirShape() {
        RandomIds ids = new RandomIds();
        assertThat(ids.secret()).startsWith("svt_").hasSize(4 + 43);
        assertThat(ids.objectId()).matches("[0-9a-f]{24}");
        assertThat(ids.prefixed("ws_")).matches("ws_[a-z2-7]{16}");
        assertThat(ids.secret()).isNotEqualTo(ids.secret());
    }
}
