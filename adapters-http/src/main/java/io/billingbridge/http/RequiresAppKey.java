package io.billingbridge.http;

import io.billingbridge.core.appkey.AppKeyScope;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a server-to-server endpoint: only an application key holding one of {@link #value()} may call it.
 *
 * <p>{@link AppKeyAuthFeature} puts {@link AppKeyAuthFilter} in front of every method so marked, and refuses to
 * start when a method under {@link AppKeyAuthFeature#PATH} lacks the mark or one elsewhere carries it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RequiresAppKey {
    /** The scopes the endpoint accepts, any one of which suffices; name them all for "any key". */
    AppKeyScope[] value();
}
