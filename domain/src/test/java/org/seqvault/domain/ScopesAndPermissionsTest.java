package org.seqvault.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScopesAndPermissionsTest {

    @Test
    void adminImpliesEveryScope() {
        Scopes admin = Scopes.of(Scope.ADMIN);
        for (Scope s : Scope.values()) {
            assertThat(admin.allows(s)).isTrue();
        }
        assertThat(admin.covers(Scopes.of(Scope.FILES, Scope.PROJECTS))).isTrue();
    }

    @Test
    void otherScopesAllowOnlyThemselves() {
        Scopes files = Scopes.of(Scope.FILES);
        assertThat(files.allows(Scope.FILES)).isTrue();
        assertThat(files.allows(Scope.PROJECTS)).isFalse();
        assertThat(files.allows(Scope.ADMIN)).isFalse();
        assertThat(files.covers(Scopes.of(Scope.ADMIN))).isFalse();
    }

    @Test
    void tokenManagementIsAScopeOfItsOwnThatOnlyAdminImplies() {
        assertThat(Scope.parse("tokens")).isEqualTo(Scope.TOKENS);
        assertThat(Scopes.of(Scope.FILES, Scope.PROJECTS).allows(Scope.TOKENS)).isFalse();
        assertThat(Scopes.of(Scope.TOKENS).allows(Scope.FILES)).isFalse();
        assertThat(Scopes.of(Scope.TOKENS).covers(Scopes.of(Scope.FILES))).isFalse();
        assertThat(Scopes.of(Scope.ADMIN).allows(Scope.TOKENS)).isTrue();
        assertThat(Scopes.parse(List.of("admin", "tokens", "files")).wireNames())
                .containsExactly("files", "tokens", "admin");
        assertThat(Scopes.all().wireNames()).containsExactly("files", "projects", "tokens", "admin");
    }

    @Test
    void parsesWireNamesAndRefusesOthers() {
        assertThat(Scopes.parse(List.of("projects", "files")).wireNames()).containsExactly("files", "projects");
        assertThatThrownBy(() -> Scopes.parse(List.of("files", "root"))).hasMessageContaining("root");
        assertThatThrownBy(() -> Scopes.parse(List.of())).isInstanceOf(UserException.class);
        assertThatThrownBy(() -> Scopes.parse(List.of("FILES"))).isInstanceOf(UserException.class);
    }

    @Test
    void permissionsThatNeedReadImplyIt() {
        Permissions writeOnly = new Permissions(false, true, false, false, false);
        assertThat(writeOnly.read()).isTrue();
        assertThat(writeOnly.allows(Permissions.Permission.WRITE)).isTrue();
        assertThat(writeOnly.allows(Permissions.Permission.ADMIN)).isFalse();
        assertThat(Permissions.NONE.read()).isFalse();
    }

    @Test
    void publicReadAndCopyMergeWithMembership() {
        Permissions merged = Permissions.NONE.union(Permissions.READ_COPY);
        assertThat(merged.read()).isTrue();
        assertThat(merged.copy()).isTrue();
        assertThat(merged.write()).isFalse();
    }

    @Test
    void usernamesFollowThePlatformRule() {
        assertThat(new Username("alice-1").value()).isEqualTo("alice-1");
        for (String bad : new String[] {"a", "Alice", "-bob", "x".repeat(40), "bob smith", "bob/x"}) {
            assertThatThrownBy(() -> new Username(bad)).as(bad).isInstanceOf(UserException.class);
        }
    }

    @Test
    void projectIdsParseAndSlugsDerive() {
        ProjectRef ref = ProjectRef.parse("alice/wgs-2024");
        assertThat(ref.owner().value()).isEqualTo("alice");
        assertThat(ref.slug()).isEqualTo("wgs-2024");
        assertThat(ProjectRef.slugOf("Trio WGS (2024)!")).isEqualTo("trio-wgs-2024");
        assertThat(ProjectRef.slugOf("!!!")).isEqualTo("project");
        for (String bad : new String[] {"alice", "/p", "alice/", "alice/p/q", "Alice/p", "alice/P Q"}) {
            assertThatThrownBy(() -> ProjectRef.parse(bad)).as(bad)
                    .isInstanceOfSatisfying(UserException.class,
                            e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_PROJECT_ID));
        }
    }
}
