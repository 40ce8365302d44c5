package io.gridai.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridai.operator.security.Role;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void eachRoleIncludesThoseBelowIt() {
        assertThat(Role.ADMIN.includes(Role.SUPERVISOR)).isTrue();
        assertThat(Role.SUPERVISOR.includes(Role.OPERATOR)).isTrue();
        assertThat(Role.OPERATOR.includes(Role.VIEWER)).isTrue();
        assertThat(Role.OPERATOR.includes(Role.OPERATOR)).isTrue();
        assertThat(Role.VIEWER.includes(Role.OPERATOR)).isFalse();
        assertThat(Role.OPERATOR.includes(Role.SUPERVISOR)).isFalse();
    }

    @Test
    void theEffectiveRolesOfATokensGroups() {
        assertThat(Role.effectiveNames(List.of("supervisor"))).containsExactly("viewer", "operator", "supervisor");
        assertThat(Role.effectiveNames(List.of("viewer", "guest"))).containsExactly("viewer");
        assertThat(Role.effectiveNames(List.of("Admin", "guest"))).isEmpty();
    }

    @Test
    void theNameConstantsAreTheRolesNames() {
        assertThat(List.of(Role.VIEWER_NAME, Role.OPERATOR_NAME, Role.SUPERVISOR_NAME, Role.ADMIN_NAME))
                .containsExactly(Role.VIEWER.roleName(), Role.OPERATOR.roleName(), Role.SUPERVISOR.roleName(),
                        Role.ADMIN.roleName());
    }
}
