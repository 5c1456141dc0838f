package io.billingbridge.demo;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The demo's bare endpoint for the read-path benchmark (tools/bench/read-path.sh): a JAX-RS resource of the same
 * application, behind the same connector, request log and filters, with no authentication and a constant small
 * JSON body, so a billing read can be compared with what the stack alone costs. Registered by {@code demo} only.
 */
@Path("/_bench/bare")
@Produces(MediaType.APPLICATION_JSON)
public final class BareResource {
    static final String BODY = "{\"object\":\"bench\",\"ok\":true}";

    @GET
    public String bare() {
        return BODY;
    }
}
