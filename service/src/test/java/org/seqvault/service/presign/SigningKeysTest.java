package org.seqvault.service.presign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SigningKeysTest {
    private static final String SECRET = "0123456789abcdef-secret";
    private static final String OLDER = "an older secret, still valid";

    @Test
    void keyIdIsDerivedFromTheSecretAlone() {
        String kid = SigningKeys.keyIdOf(SECRET);

        assertThat(kid).matches("[0-9a-f]{8}");
        assertThat(SigningKeys.of(SECRET).currentKeyId()).isEqualTo(kid);
        assertThat(SigningKeys.of(SECRET).currentKeyId()).isEqualTo(SigningKeys.of(SECRET).currentKeyId());
        assertThat(SigningKeys.keyIdOf(OLDER)).isNotEqualTo(kid);
    }

    @Test
    void previousKeysVerifyButDoNotSign() {
        SigningKeys keys = SigningKeys.of(SECRET).withPrevious(OLDER);

        assertThat(keys.currentKeyId()).isEqualTo(SigningKeys.keyIdOf(SECRET));
        assertThat(keys.keyIds()).containsExactlyInAnyOrder(SigningKeys.keyIdOf(SECRET), SigningKeys.keyIdOf(OLDER));
        assertThat(keys.key(SigningKeys.keyIdOf(OLDER))).isNotNull();
    }

    @Test
    void addingAKnownSecretAgainChangesNothing() {
        SigningKeys keys = SigningKeys.of(SECRET);

        assertThat(keys.withPrevious(SECRET)).isSameAs(keys);
    }

    @Test
    void shortSecretsAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> SigningKeys.of("hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> SigningKeys.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringShowsIdsOnly() {
        assertThat(SigningKeys.of(SECRET).withPrevious(OLDER).toString())
                .contains(SigningKeys.keyIdOf(SECRET))
                .doesNotContain(SECRET)
                .doesNotContain(OLDER);
    }
}
