package io.gridai.operator.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operators' roles, a hierarchy: each role may do what the roles below it may ({@code viewer < operator <
 * supervisor < admin}). A token names its roles in the {@code groups} claim (lower case); {@link RoleHierarchy} adds the
 * roles they include to the caller's identity, so an endpoint names only the lowest role it needs, e.g.
 * {@code @RolesAllowed(Role.OPERATOR_NAME)}, and a supervisor passes it too.
 */
public enum Role {
    /** Reads everything the API shows. */
    VIEWER,
    /** Acts on the grid's live state: acknowledges alerts (later: manual overrides, first approvals). */
    OPERATOR,
    /** An operator who may also give the second approval of high-risk decisions (later: four-eyes). */
    SUPERVISOR,
    /** Everything, including administration. */
    ADMIN;

    public static final String VIEWER_NAME = "viewer";
    public static final String OPERATOR_NAME = "operator";
    public static final String SUPERVISOR_NAME = "supervisor";
    public static final String ADMIN_NAME = "admin";

    /** The name in tokens and in {@code @RolesAllowed}. */
    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this role may do what {@code other} may. */
    public boolean includes(Role other) {
        return compareTo(other) >= 0;
    }

    /** The role named {@code name} (as in a token's groups), if it is one. */
    public static Optional<Role> named(String name) {
        return Arrays.stream(values()).filter(r -> r.roleName().equals(name)).findFirst();
    }

    /** Every role that the named roles include (unknown names are ignored), lowest first. */
    public static Set<Role> effective(Collection<String> granted) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : granted) {
            named(name).ifPresent(top -> Arrays.stream(values()).filter(top::includes).forEach(roles::add));
        }
        return roles;
    }

    /** The names of {@link #effective}. */
    public static Set<String> effectiveNames(Collection<String> granted) {
        return effective(granted).stream().map(Role::roleName)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
