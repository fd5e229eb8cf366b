package dev.featurestore.runtime.security;

import dev.featurestore.contracts.access.Role;
import io.micronaut.security.authentication.Authentication;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The principals an authentication stands for: {@code key:<key id>} for an API key; for a bearer JWT,
 * {@code user:<sub>} and {@code group:<name>} for each entry of the groups claim.
 */
final class Callers {
    static final String KIND_ATTRIBUTE = "featurestore.kind";
    static final String API_KEY_KIND = "api_key";
    static final String GLOBAL_ROLES_ATTRIBUTE = "featurestore.global_roles";
    static final String SERVICE_ATTRIBUTE = "featurestore.service";

    private Callers() {
    }

    static boolean isApiKey(Authentication authentication) {
        return API_KEY_KIND.equals(authentication.getAttributes().get(KIND_ATTRIBUTE));
    }

    static boolean isService(Authentication authentication) {
        return Boolean.TRUE.equals(authentication.getAttributes().get(SERVICE_ATTRIBUTE));
    }

    static List<String> principals(Authentication authentication, String groupsClaim) {
        if (isApiKey(authentication)) {
            return List.of(authentication.getName());
        }
        List<String> principals = new ArrayList<>();
        principals.add(Principals.user(authentication.getName()));
        Object groups = authentication.getAttributes().get(groupsClaim);
        if (groups instanceof Collection<?> names) {
            names.stream().filter(String.class::isInstance).map(String.class::cast).limit(100).map(Principals::group).forEach(principals::add);
        }
        else if (groups instanceof String name) {
            principals.add(Principals.group(name));
        }
        return List.copyOf(principals);
    }

    /** The roles a configured key holds in every project. */
    static List<Role> globalRoles(Authentication authentication) {
        Map<String, Object> attributes = authentication.getAttributes();
        Object roles = attributes.get(GLOBAL_ROLES_ATTRIBUTE);
        if (isApiKey(authentication) && roles instanceof List<?> list) {
            List<Role> found = new ArrayList<>(list.size());
            for (Object role : list) {
                if (role instanceof Role known) {
                    found.add(known);
                }
            }
            return found;
        }
        return List.of();
    }
}
