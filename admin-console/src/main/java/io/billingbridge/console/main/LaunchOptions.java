package io.billingbridge.console.main;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The command line: {@code [--url URL] [--token-file FILE]}, both filling the connect screen.
 *
 * @param url the server URL to offer instead of the remembered one
 * @param tokenFile a file holding the admin token (its first line), so the token never goes on a command line
 */
public record LaunchOptions(Optional<String> url, Optional<Path> tokenFile) {
    static final String USAGE = "usage: java -jar billing-bridge-console.jar [--url http://host:8080]"
            + " [--token-file FILE]";

    /** Reads the arguments; throws {@link IllegalArgumentException} with the usage on anything else. */
    public static LaunchOptions parse(List<String> arguments) {
        Optional<String> url = Optional.empty();
        Optional<Path> tokenFile = Optional.empty();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            String value = i + 1 < arguments.size() ? arguments.get(i + 1) : null;
            if (argument.startsWith("--url=")) {
                url = Optional.of(argument.substring("--url=".length()));
            } else if (argument.startsWith("--token-file=")) {
                tokenFile = Optional.of(Path.of(argument.substring("--token-file=".length())));
            } else if (argument.equals("--url") && value != null) {
                url = Optional.of(value);
                i++;
            } else if (argument.equals("--token-file") && value != null) {
                tokenFile = Optional.of(Path.of(value));
                i++;
            } else {
                throw new IllegalArgumentException("unknown or incomplete argument " + argument + "\n" + USAGE);
            }
        }
        return new LaunchOptions(url, tokenFile);
    }

    /** The token in {@link #tokenFile()}: its first non-blank line, trimmed. */
    public Optional<String> token() throws IOException {
        if (tokenFile.isEmpty()) {
            return Optional.empty();
        }
        return Files.readAllLines(tokenFile.get(), StandardCharsets.UTF_8).stream().map(String::trim)
                .filter(line -> !line.isEmpty()).findFirst();
    }
}
