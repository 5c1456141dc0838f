package io.billingbridge.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.DefaultConfigurationFactoryFactory;
import io.dropwizard.configuration.YamlConfigurationFactory;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.text.StringSubstitutor;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in the values of the parsed YAML, never in its text, so a
 * value from the environment is taken as it is: a multi-line PEM key, a password with {@code #} or {@code :}, or
 * quotes cannot change the structure of config.yml or make it unparsable.
 */
final class EnvironmentSubstitution<T> extends DefaultConfigurationFactoryFactory<T> {
    private final StringSubstitutor substitutor;

    /** Substitutes with {@code substitutor}, e.g. Dropwizard's environment variable substitutor. */
    EnvironmentSubstitution(StringSubstitutor substitutor) {
        this.substitutor = substitutor;
    }

    @Override
    public ConfigurationFactory<T> create(Class<T> klass, Validator validator, ObjectMapper objectMapper,
            String propertyPrefix) {
        return new YamlConfigurationFactory<>(klass, validator, configureObjectMapper(objectMapper.copy()),
                propertyPrefix) {
            @Override
            protected T build(JsonNode node, String path) throws IOException, ConfigurationException {
                substituteValues(node);
                return super.build(node, path);
            }
        };
    }

    private void substituteValues(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if (value.isTextual()) {
                    object.put(name, substitutor.replace(value.textValue()));
                } else {
                    substituteValues(value);
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isTextual()) {
                    array.set(i, TextNode.valueOf(substitutor.replace(value.textValue())));
                } else {
                    substituteValues(value);
                }
            }
        }
    }
}
