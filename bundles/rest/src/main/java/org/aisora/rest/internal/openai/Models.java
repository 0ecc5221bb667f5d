package org.aisora.rest.internal.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.aisora.api.plugin.PluginFamily;
import org.aisora.api.plugin.PluginInfo;

/** OpenAI's model list, made of the installed generation providers: a provider id is a "model". */
public record Models(String object, List<Model> data) {
    static final String OWNER = "aisora";

    public Models {
        data = List.copyOf(data);
    }

    /** {@code created} is 0: a provider has no creation date worth inventing. */
    public record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
        static Model of(String id) {
            return new Model(id, "model", 0, OWNER);
        }
    }

    static Models of(Collection<PluginInfo> plugins) {
        return new Models("list", providerIds(plugins).stream().map(Model::of).toList());
    }

    static Set<String> providerIds(Collection<PluginInfo> plugins) {
        return plugins.stream().filter(p -> p.family() == PluginFamily.PROVIDER).map(PluginInfo::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
