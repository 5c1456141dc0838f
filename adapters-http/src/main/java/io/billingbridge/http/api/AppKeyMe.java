package io.billingbridge.http.api;

import io.billingbridge.core.appkey.AppKeyIdentity;
import io.billingbridge.core.appkey.AppKeyScope;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** Which application key the backend sent and what it may do: a backend developer's key check. */
public record AppKeyMe(String name,
        @ArraySchema(schema = @Schema(allowableValues = {"usage:write", "billing:read"})) List<String> scopes) {
    public AppKeyMe {
        Objects.requireNonNull(name, "name");
        scopes = List.copyOf(scopes);
    }

    public static AppKeyMe of(AppKeyIdentity app) {
        return new AppKeyMe(app.name(), Arrays.stream(AppKeyScope.values()).filter(app.scopes()::contains)
                .map(AppKeyScope::wireName).toList());
    }
}
