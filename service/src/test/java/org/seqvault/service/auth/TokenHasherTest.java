package org.seqvault.service.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seqvault.service.support.RandomIds;

class TokenHasherTest {

    /**
     * Known answers computed outside Java, e.g. {@code printf '%s' 'abc' | sha256sum}: a hash
     * stored today must still match the same token after any change to this class.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // FIPS 180-2 example
            "abc | ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            // a token of the shape RandomIds.secret() makes
            "svt_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG | 0b4e9f19667c633b0771fd74c891143510cc794bb86c472704850c6d801d31ba",
            // UTF-8 bytes, not the platform charset: printf '%s' 'é' | sha256sum
            "\u00e9 | 4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c"})
    void hashIsLowercaseHexSha256OfTheUtf8Bytes(String secret, String expected) {
        assertThat(TokenHasher.hash(secret)).isEqualTo(expected);
    }

    @Test
    void hashIsNeverTheSecret() {
        String secret = new RandomIds().secret();

        assertThat(TokenHasher.hash(secret)).doesNotContain(secret);
    }

    @Test
    void sameComparesWholeHashes() {
        String hash = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

        assertThat(TokenHasher.same(hash, new String(hash.toCharArray()))).isTrue();
        // differs in the last character only, so an early exit on the first byte would not catch it
        assertThat(TokenHasher.same(hash, hash.substring(0, 63) + "e")).isFalse();
        assertThat(TokenHasher.same(hash, "ca" + hash.substring(2))).isFalse();
        assertThat(TokenHasher.same(hash, hash.substring(0, 63))).isFalse();
        assertThat(TokenHasher.same(hash, hash + "0")).isFalse();
        assertThat(TokenHasher.same(hash, "")).isFalse();
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
