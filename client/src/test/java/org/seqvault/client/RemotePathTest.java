package org.seqvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RemotePathTest {
    @Test
    void projectThenFoldersThenName() {
        RemotePath p = RemotePath.parse("alice/trio-wgs/raw/NA12878/reads_1.fq.gz");
        assertThat(p.project()).isEqualTo("alice/trio-wgs");
        assertThat(p.segments()).containsExactly("raw", "NA12878", "reads_1.fq.gz");
        assertThat(p.key()).isEqualTo("raw/NA12878/reads_1.fq.gz");
        assertThat(p.name()).isEqualTo("reads_1.fq.gz");
        assertThat(p.parent().toString()).isEqualTo("alice/trio-wgs/raw/NA12878");
        assertThat(p.parent().child("reads_2.fq.gz").toString()).isEqualTo("alice/trio-wgs/raw/NA12878/reads_2.fq.gz");
    }

    @Test
    void aProjectAloneIsItsRoot() {
        RemotePath p = RemotePath.parse("alice/trio-wgs/");
        assertThat(p.isProjectRoot()).isTrue();
        assertThat(p.segments()).isEmpty();
        assertThat(p.toString()).isEqualTo("alice/trio-wgs");
        assertThatThrownBy(p::parent).isInstanceOf(IllegalStateException.class);
        assertThat(new RemotePath("a/b", List.of("c"))).isEqualTo(RemotePath.parse("a/b/c"));
    }

    @Test
    void refusesWhatIsNotALocation() {
        for (String bad : new String[] {"alice", "/alice/p", "alice//p", "alice/p//x", "alice/p/../x", "alice/p/./x", ""}) {
            assertThatThrownBy(() -> RemotePath.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
