package dev.featurestore.registry.domain;

import static java.util.Objects.requireNonNull;

import dev.featurestore.contracts.definition.DataSource;
import dev.featurestore.contracts.definition.FeatureService;
import dev.featurestore.contracts.definition.FeatureServiceItem;
import dev.featurestore.contracts.definition.FeatureView;
import dev.featurestore.contracts.definition.KafkaSource;
import dev.featurestore.contracts.definition.ObjectKind;
import dev.featurestore.contracts.definition.OnDemandFeatureView;
import dev.featurestore.contracts.definition.PushSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Which objects refer to which: a view to its entities and source, a push or kafka source to its
 * batch source, an on-demand view to its source views and request sources, a feature service to
 * its views. Names are resolved the way the validator resolves them: an on-demand view's sources
 * and a feature service's items may be feature views or on-demand views.
 */
public final class References {
    private References() {
    }

    /**
     * The objects among {@code objects} that refer to {@code target}.
     *
     * @param target the object referred to
     * @param objects the objects to search (the target itself is skipped)
     * @return the referring objects, in the order given
     */
    public static List<DefinitionObject> usersOf(DefinitionObject target, List<DefinitionObject> objects) {
        requireNonNull(target, "target is null");
        requireNonNull(objects, "objects is null");
        List<DefinitionObject> users = new ArrayList<>();
        for (DefinitionObject object : objects) {
            if (!(object.kind() == target.kind() && object.name().equals(target.name())) && refersTo(object, target)) {
                users.add(object);
            }
        }
        return List.copyOf(users);
    }

    private static boolean refersTo(DefinitionObject object, DefinitionObject target) {
        String name = target.name();
        return switch (object.kind()) {
            case FEATURE_VIEW -> {
                FeatureView view = (FeatureView) object.definition();
                yield (target.kind() == ObjectKind.ENTITY && view.entities().contains(name))
                        || (target.kind() == ObjectKind.DATA_SOURCE && view.source().equals(name));
            }
            case DATA_SOURCE -> target.kind() == ObjectKind.DATA_SOURCE && batchSource((DataSource) object.definition()).equals(name);
            case ON_DEMAND_FEATURE_VIEW -> (target.kind() == ObjectKind.FEATURE_VIEW || target.kind() == ObjectKind.ON_DEMAND_FEATURE_VIEW
                    || target.kind() == ObjectKind.DATA_SOURCE) && ((OnDemandFeatureView) object.definition()).sources().contains(name);
            case FEATURE_SERVICE -> (target.kind() == ObjectKind.FEATURE_VIEW || target.kind() == ObjectKind.ON_DEMAND_FEATURE_VIEW)
                    && ((FeatureService) object.definition()).features().stream().map(FeatureServiceItem::featureView).anyMatch(name::equals);
            case ENTITY, PROJECT -> false;
        };
    }

    private static String batchSource(DataSource source) {
        if (source instanceof PushSource push) {
            return push.batchSource();
        }
        if (source instanceof KafkaSource kafka) {
            return kafka.batchSource();
        }
        return "";
    }
}
