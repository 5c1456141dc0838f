package archfixture.core;

import io.dropwizard.core.Configuration;

/** Breaks the core rule on purpose, so ArchitectureTest can show the rule fails when it should. */
public class CoreClassUsingDropwizard {
    public Configuration leak() {
        return new Configuration();
    }
}
