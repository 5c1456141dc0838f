package io.billingbridge.demo;

import io.billingbridge.server.BillingBridgeApplication;
import io.billingbridge.server.BillingBridgeConfiguration;
import io.billingbridge.server.Hooks;
import io.dropwizard.core.setup.Bootstrap;

/**
 * Billing Bridge with the sandbox: the production commands plus {@code demo}, {@code stripe-emulator} and
 * {@code clerk-dev}. For trying Billing Bridge and for local development, never for production.
 */
public final class BillingBridgeDemo extends BillingBridgeApplication {
    private final EmulatorTime time;

    public BillingBridgeDemo() {
        this(new EmulatorTime());
    }

    private BillingBridgeDemo(EmulatorTime time) {
        super(Hooks.defaults(), time);
        this.time = time;
    }

    public static void main(String[] args) throws Exception {
        new BillingBridgeDemo().run(args);
    }

    @Override
    public void initialize(Bootstrap<BillingBridgeConfiguration> bootstrap) {
        super.initialize(bootstrap);
        bootstrap.addCommand(new DemoCommand(this, time));
        bootstrap.addCommand(new SandboxCommands.StripeEmulatorCommand());
        bootstrap.addCommand(new SandboxCommands.ClerkDevCommand());
    }
}
