package archfixture.server;

import io.billingbridge.sandbox.DemoSandbox;

/** Breaks the production-jar rule on purpose, so ArchitectureTest can show the rule fails when it should. */
public class ServerClassUsingSandbox {
    public Object leak() {
        return DemoSandbox.catalog();
    }
}
