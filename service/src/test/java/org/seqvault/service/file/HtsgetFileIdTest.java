package org.seqvault.service.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.seqvault.domain.UserException;

/** htsget names a file by its id or by its DRS URI. */
class HtsgetFileIdTest {
    @Test
    void aDrsUriNamesTheFileByItsLastPathSegment() {
        assertThat(HtsgetService.fileId("6b1506175ed7c55547cfb4fe")).isEqualTo("6b1506175ed7c55547cfb4fe");
        assertThat(HtsgetService.fileId("drs://files.example.org/6b1506175ed7c55547cfb4fe"))
                .isEqualTo("6b1506175ed7c55547cfb4fe");
        assertThat(HtsgetService.fileId("DRS://files.example.org/abc")).isEqualTo("abc");
        assertThatThrownBy(() -> HtsgetService.fileId("drs://files.example.org/a/b")).isInstanceOf(UserException.class);
        assertThatThrownBy(() -> HtsgetService.fileId("drs://files.example.org")).isInstanceOf(UserException.class);
        assertThatThrownBy(() -> HtsgetService.fileId(" ")).isInstanceOf(UserException.class);
    }
}
