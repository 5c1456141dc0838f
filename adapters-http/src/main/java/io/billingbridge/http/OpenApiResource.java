package io.billingbridge.http;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Set;

/** Serves the API's OpenAPI 3.1 document, to anyone: it describes the API, it holds nothing secret. */
@Path("/openapi.json")
@Hidden
public final class OpenApiResource {
    private final String document;

    private OpenApiResource(String document) {
        this.document = document;
    }

    /** Builds the document of these resource classes now, so a broken contract stops the server at startup. */
    public static OpenApiResource of(Set<Class<?>> resources) {
        return new OpenApiResource(ApiDocument.json(resources));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String document() {
        return document;
    }
}
