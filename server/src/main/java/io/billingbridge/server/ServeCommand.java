package io.billingbridge.server;

import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import net.sourceforge.argparse4j.inf.Namespace;

/** {@code server config.yml}: runs the HTTP server, failing with one clear line when misconfigured. */
final class ServeCommand extends ServerCommand<BillingBridgeConfiguration> {

    ServeCommand(Application<BillingBridgeConfiguration> application) {
        super(application);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        cli.getStdErr().println("error: " + OneLineErrors.describe(e));
    }
}
